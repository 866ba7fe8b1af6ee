package org.kap.api.axon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CommandTimeLimit on Axon's own command bus, with a limit of 300 ms and warnings every 50 ms from 100 ms on: a late
 * command fails with Axon's timeout exception whether or not its handler lets the interruption through, the thread
 * comes back uninterrupted, and a command in time is left alone.
 */
class CommandTimeLimitTest {

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandTimeLimit limit = new CommandTimeLimit(Duration.ofMillis(300), Duration.ofMillis(100),
            Duration.ofMillis(50));
    private final Logger log = (Logger) LoggerFactory.getLogger(CommandTimeLimit.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    record Sleep(long millis) {
    }

    record SleepThroughInterrupts(long millis) {
    }

    record Nested() {
    }

    @BeforeEach
    void setUp() {
        bus.registerHandlerInterceptor(limit);
        bus.subscribe(Sleep.class.getName(), message -> {
            Thread.sleep(((Sleep) message.getPayload()).millis());
            return "slept";
        });
        bus.subscribe(SleepThroughInterrupts.class.getName(), message -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(((SleepThroughInterrupts) message.getPayload()).millis());
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException swallowed) {
                    // a handler that does not let the interruption through
                }
            }
            return "slept";
        });
        bus.subscribe(Nested.class.getName(), message -> {
            int outer = limit.running();
            Object inner = send(new Sleep(0)).getPayload();
            return outer + "/" + inner + "/" + limit.running();
        });
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        log.detachAppender(logged);
        limit.close();
        Thread.interrupted();
    }

    @Test
    void a_command_in_time_is_answered_and_no_longer_counted() throws Exception {
        assertThat(send(new Sleep(20)).getPayload()).isEqualTo("slept");
        assertThat(limit.running()).isZero();

        Thread.sleep(400); // past the limit: nothing is left to interrupt this thread
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void a_late_command_is_interrupted_and_fails_with_axons_timeout() {
        long started = System.nanoTime();
        CommandResultMessage<?> result = send(new Sleep(10_000));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(AxonTimeoutException.class)
                .hasMessageContaining(Sleep.class.getName()).hasMessageContaining("300 ms");
        assertThat(tookMillis).isBetween(300L, 5_000L);
        assertThat(Thread.currentThread().isInterrupted()).as("the thread is handed back uninterrupted").isFalse();
        assertThat(limit.running()).isZero();
    }

    @Test
    void a_late_command_whose_handler_swallows_the_interruption_still_fails() {
        CommandResultMessage<?> result = send(new SleepThroughInterrupts(600));

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(AxonTimeoutException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(limit.running()).isZero();
    }

    @Test
    void a_slow_command_is_warned_about_with_its_stack_before_it_is_interrupted() {
        send(new Sleep(10_000));

        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains(Sleep.class.getName())
                        .contains("java.lang.Thread.sleep"));
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("interrupting"));
    }

    @Test
    void a_command_sent_from_within_another_runs_within_the_others_time() {
        assertThat(send(new Nested()).getPayload()).isEqualTo("1/slept/1");
        assertThat(limit.running()).isZero();
    }

    @Test
    void many_commands_in_time_leave_nothing_behind() {
        AtomicInteger answered = new AtomicInteger();
        for (int n = 0; n < 1_000; n++) {
            if ("slept".equals(send(new Sleep(0)).getPayload())) {
                answered.incrementAndGet();
            }
        }
        assertThat(answered).hasValue(1_000);
        assertThat(limit.running()).isZero();
    }

    @Test
    void the_sweep_is_a_tenth_of_the_finest_setting_between_10_ms_and_a_second() {
        assertThat(limit.sweepPeriod()).isEqualTo(Duration.ofMillis(10));
        try (CommandTimeLimit axonsDefaults = new CommandTimeLimit(Duration.ofMinutes(1), Duration.ofSeconds(10),
                Duration.ofSeconds(1))) {
            assertThat(axonsDefaults.sweepPeriod()).isEqualTo(Duration.ofMillis(100));
        }
        try (CommandTimeLimit noWarnings = new CommandTimeLimit(Duration.ofMinutes(1), Duration.ofMillis(-1),
                Duration.ZERO)) {
            assertThat(noWarnings.sweepPeriod()).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void a_limit_must_be_positive_and_warnings_spaced() {
        assertThatThrownBy(() -> new CommandTimeLimit(Duration.ZERO, Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandTimeLimit(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private CommandResultMessage<?> send(Object payload) {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        CommandMessage<Object> command = GenericCommandMessage.asCommandMessage(payload);
        bus.dispatch(command, (message, result) -> answer.complete(result));
        return answer.join();
    }
}
