package org.kap.api.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's command bus keeps its time limit through CommandTimeLimit, in place of Axon's auto-configured one, with
 * Axon's default of a minute; and every command the API sends is let go of once it is answered.
 */
class TimeLimitsApiTest extends ApiTest {

    record Probe() {
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    CommandBus commandBus;
    @Autowired
    CommandTimeLimit limit;

    @Test
    void commands_run_within_the_engines_limit_not_axons() {
        assertThat(context.getBeanNamesForType(AxonTimeoutAutoConfiguration.class)).isEmpty();
        assertThat(context.getBeanNamesForType(HandlerTimeoutHandlerEnhancerDefinition.class))
                .as("no second limit per handler").isEmpty();
        assertThat(limit.sweepPeriod()).as("Axon's defaults: a minute, warnings every second from ten on")
                .hasMillis(100);

        // a handler on the engine's own bus sees itself counted: the limit wraps every command the bus handles
        Registration probe = commandBus.subscribe(Probe.class.getName(), message -> limit.running());
        try {
            CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
            commandBus.dispatch(GenericCommandMessage.asCommandMessage(new Probe()), (m, result) -> answer.complete(result));
            assertThat(answer.join().getPayload()).isEqualTo(1);
        } finally {
            probe.cancel();
        }
        assertThat(limit.running()).isZero();
    }

    @Test
    void a_course_command_over_http_is_no_longer_running_once_answered() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", "timed", "clientId", "client-timed",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "at", t.toString(), "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        assertThat(post("clinician", "/api/v1/courses/timed/consent", Map.of("at", t.plusSeconds(60).toString())).status())
                .isEqualTo(200);
        assertThat(limit.running()).isZero();
    }
}
