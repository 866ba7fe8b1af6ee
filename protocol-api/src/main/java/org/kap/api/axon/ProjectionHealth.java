package org.kap.api.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read model that cannot take an event never skips it. Every event handler's failure propagates: a
 * subscribing projection (the protocol catalog) fails the command that published the event, so nothing
 * is half recorded; a tracking projection (the course list, the obligations) stops at the event and retries
 * it, with a growing pause, until it succeeds. Meanwhile the health endpoint is DOWN, naming the projection
 * and its error ({@code /actuator/health}, component {@code projections}), and the read model lags rather
 * than lies.
 */
@Configuration
class ProjectionHealth {

    @Bean
    ConfigurerModule projectionsNeverSkip() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    HealthIndicator projections(EventProcessingConfiguration processing) {
        return () -> {
            Map<String, Object> failing = new LinkedHashMap<>();
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor tracking) {
                    tracking.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState).findFirst()
                            .ifPresent(status -> failing.put(name, status.getError() == null ? "failing"
                                    : "retrying an event it could not apply: " + status.getError().getClass().getSimpleName()));
                }
            });
            return failing.isEmpty() ? Health.up().build() : Health.down().withDetails(failing).build();
        };
    }
}
