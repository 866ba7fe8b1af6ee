package org.kap.api.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptorSupport;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.pages.PageSession;
import org.kap.core.course.CourseCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's command bus keeps its time limit through CommandTimeLimit, in place of Axon's auto-configured one, with
 * Axon's default of a minute; every command the API sends is let go of once it is answered; and a command stopped by
 * the limit is answered 503, with nothing recorded.
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
    void a_command_stopped_by_its_time_limit_is_answered_503_and_records_nothing() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        Map<String, Object> screening = screening("stopped-by-time-limit");
        Answer stopped;
        try (Registration late = stopCommandsOn("stopped-by-time-limit")) {
            stopped = post("clinician", "/api/v1/courses", screening);
        }
        assertThat(stopped.status()).as(stopped.raw()).isEqualTo(503);
        assertThat(stopped.headers().getContentType()).hasToString("application/problem+json");
        assertThat(stopped.text("/type")).isEqualTo("/problems/time-limit");
        assertThat(stopped.text("/detail")).contains("nothing was recorded").doesNotContain("ScreenClient", "Axon");

        // the screening's events were rolled back with its unit of work: no course, and the id is still free
        assertThat(get("auditor", "/api/v1/courses/stopped-by-time-limit").status()).isEqualTo(404);
        Answer again = post("clinician", "/api/v1/courses", screening);
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(entries("stopped-by-time-limit")).isEqualTo(1);
        assertThat(limit.running()).isZero();
    }

    @Test
    void a_page_says_an_act_stopped_by_the_time_limit_was_not_recorded() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String course = "stopped-on-a-page";
        assertThat(post("clinician", "/api/v1/courses", screening(course)).status()).isEqualTo(201);
        assertThat(post("clinician", "/api/v1/courses/" + course + "/consent", Map.of()).status()).isEqualTo(200);
        long before = entries(course);

        PageSession therapist = new PageSession(port);
        assertThat(therapist.signIn("therapist", "therapist-demo").statusCode()).isEqualTo(302);
        therapist.get("/pages/courses/" + course);
        try (Registration late = stopCommandsOn(course)) {
            assertThat(therapist.post("/pages/courses/" + course + "/preparation-sessions", Map.of()).statusCode()).isEqualTo(302);
        }
        assertThat(therapist.get("/pages/courses/" + course).body())
                .contains("ran out of time").contains("nothing was recorded");
        assertThat(entries(course)).isEqualTo(before);
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

    private Map<String, Object> screening(String course) {
        return Map.of("courseId", course, "clientId", "client-" + course, "protocol", Map.of("id", "api-test", "version", 1),
                "indication", "depression", "at", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                "profile", profile(40, "80 kg"));
    }

    private long entries(String course) {
        return get("auditor", "/api/v1/courses/" + course).body().path("entries").asLong();
    }

    /**
     * Until cancelled, every command on the course fails as the limit fails a command whose handler ran, and recorded
     * its events, but too long: after the handler, inside the unit of work (CommandTimeLimitTest times real commands out).
     */
    @SuppressWarnings("unchecked")
    private Registration stopCommandsOn(String course) {
        return ((MessageHandlerInterceptorSupport<CommandMessage<?>>) commandBus).registerHandlerInterceptor((unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork.getMessage().getPayload() instanceof CourseCommand command && command.courseId().equals(course)) {
                throw new AxonTimeoutException("command " + unitOfWork.getMessage().getCommandName()
                        + " ran longer than its limit of 60000 ms and was interrupted");
            }
            return result;
        });
    }
}
