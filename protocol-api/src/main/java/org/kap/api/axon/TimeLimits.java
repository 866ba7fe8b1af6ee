package org.kap.api.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.messaging.timeout.UnitOfWorkTimeoutInterceptor;
import org.axonframework.springboot.TimeoutProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * How long Axon's units of work may run, in place of Axon's auto-configuration of the same (excluded in
 * KapApplication), read from the same settings with the same defaults ({@code axon.timeout.transaction.*}: a minute,
 * warnings from ten seconds on, every second after) and turned off by the same switch ({@code axon.timeout.enabled}).
 *
 * <ul>
 *   <li>Commands: CommandTimeLimit, which keeps Axon's limit without its cost per command. A limit of zero or less
 *   leaves commands unlimited; Axon would interrupt each at once.</li>
 *   <li>Read models (per batch), queries and deadlines: Axon's own interceptor, whose cost is per batch or unused (the
 *   engine sends no queries and sets no deadlines), registered as Axon registers it.</li>
 *   <li>No limit per handler: Axon's per-message limits timed each event applied to a course a second time, within
 *   the command's own limit (its {@code axon.timeout.handler.*} settings are not read).</li>
 * </ul>
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "axon.timeout", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TimeoutProperties.class)
class TimeLimits {

    @Bean
    CommandTimeLimit commandTimeLimit(TimeoutProperties properties) {
        TaskTimeoutSettings commands = properties.getTransaction().getCommandBus();
        if (commands.getTimeoutMs() <= 0) {
            return null;
        }
        return new CommandTimeLimit(Duration.ofMillis(commands.getTimeoutMs()),
                Duration.ofMillis(commands.getWarningThresholdMs()), Duration.ofMillis(commands.getWarningIntervalMs()));
    }

    @Bean
    ConfigurerModule unitOfWorkTimeLimits(TimeoutProperties properties,
                                          org.springframework.beans.factory.ObjectProvider<CommandTimeLimit> commandLimit) {
        TimeoutProperties.TransactionTimeoutProperties limits = properties.getTransaction();
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) {
                configurer.eventProcessing().registerDefaultHandlerInterceptor((c, name) -> axons(
                        "EventProcessor " + name, limits.getEventProcessor().getOrDefault(name, limits.getEventProcessors())));
                // as Axon does it: the buses are built only once the configuration is
                configurer.onStart(Integer.MIN_VALUE, () -> {
                    Configuration c = configurer.buildConfiguration();
                    commandLimit.ifAvailable(limit -> c.commandBus().registerHandlerInterceptor(limit));
                    c.queryBus().registerHandlerInterceptor(axons(c.queryBus().getClass().getSimpleName(), limits.getQueryBus()));
                    c.deadlineManager().registerHandlerInterceptor(
                            axons(c.deadlineManager().getClass().getSimpleName(), limits.getDeadline()));
                });
            }

            @Override
            public int order() {
                return Integer.MIN_VALUE;
            }
        };
    }

    private static UnitOfWorkTimeoutInterceptor axons(String component, TaskTimeoutSettings settings) {
        return new UnitOfWorkTimeoutInterceptor(component, settings.getTimeoutMs(), settings.getWarningThresholdMs(),
                settings.getWarningIntervalMs());
    }
}
