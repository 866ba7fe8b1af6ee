package org.kap.api.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's metrics at the granularity an operator reads them, in place of its auto-configured set (turned off in
 * application.yml, {@code axon.metrics.auto-configuration.enabled}), which hung four monitors on every component and
 * ran all of them for every message: a counter, a timer publishing six percentiles, a capacity gauge registered anew
 * for each message and, on the read models, a latency gauge, for every event each read model took or passed over
 * (3.6% of the engine's samples under load, issue 17's recordings in docs/benchmarks.md).
 *
 * <ul>
 *   <li>{@code commandBus}: a timer of every command, by outcome (all, success, failure, ignored): how many were
 *   handled and how long they took. HTTP's {@code http.server.requests} already gives their distribution by endpoint,
 *   so these timers publish no percentiles.</li>
 *   <li>{@code <read model>.latency} (course-list, obligations, protocol-catalog): how far behind the event store a
 *   read model is, in milliseconds, the age of the last event it took: what tells an operator that a list is
 *   lagging. Its failures are the health endpoint's (ProjectionHealth).</li>
 *   <li>Nothing on the event bus and query bus: the commands' timers count the acts, and queries are not used.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class MessageMetrics {

    @Bean
    ConfigurerModule commandAndReadModelMonitors(MeterRegistry meters) {
        return configurer -> configurer.configureMessageMonitor(configuration -> (componentType, componentName) -> {
            if (CommandBus.class.isAssignableFrom(componentType)) {
                return MessageTimerMonitor.builder().meterNamePrefix("commandBus").meterRegistry(meters)
                        .timerCustomization(timer -> timer.publishPercentiles()).build();
            }
            if (EventProcessor.class.isAssignableFrom(componentType)) {
                return ofEvents(EventProcessorLatencyMonitor.builder().meterNamePrefix(componentName).meterRegistry(meters).build());
            }
            return NoOpMessageMonitor.instance();
        });
    }

    /** An event processor hands its monitor event messages only (Axon's own registry makes the same cast). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> ofEvents(MessageMonitor<EventMessage<?>> monitor) {
        return (MessageMonitor) monitor;
    }
}
