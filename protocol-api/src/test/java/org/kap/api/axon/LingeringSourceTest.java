package org.kap.api.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The course list's source waits for more events only while busy, only before a batch's first event, and hides none. */
class LingeringSourceTest {

    private static final Duration LINGER = Duration.ofMillis(10);

    private long now = 1_000_000_000L;
    private static final Instant WALL_CLOCK = Instant.parse("2026-12-01T10:00:00Z");
    private final List<Duration> pauses = new ArrayList<>();
    private final Events events = new Events();

    private BlockingStream<TrackedEventMessage<?>> open(Duration linger) {
        return new LingeringSource(events, linger, () -> now, Clock.fixed(WALL_CLOCK, ZoneOffset.UTC), pauses::add).openStream(null);
    }

    @Test
    void an_idle_processor_takes_an_event_at_once_and_a_busy_one_lets_more_arrive_first() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(LINGER);
        events.add(1);
        assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(pauses).isEmpty();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(1));

        now += Duration.ofMillis(4).toNanos(); // the next command, moments later
        events.add(2);
        assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(pauses).containsExactly(LINGER);
        // the rest of the batch is taken without waiting
        events.add(3);
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(2));
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(3));
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(pauses).hasSize(1);

        now += LingeringSource.BUSY_WITHIN.toNanos() + 1; // quiet again
        events.add(4);
        assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(pauses).hasSize(1);
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(4));
    }

    @Test
    void a_backlog_is_taken_without_waiting_however_busy() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(LINGER);
        Instant hourAgo = WALL_CLOCK.minus(Duration.ofHours(1));
        for (long i = 1; i <= 3; i++) {
            events.add(i, hourAgo); // a replay, or a catch-up after a restart
            assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(i));
            now += Duration.ofMillis(1).toNanos();
        }
        assertThat(pauses).isEmpty();
        events.add(4); // caught up: a fresh event while busy waits for others again
        assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(pauses).containsExactly(LINGER);
    }

    @Test
    void a_linger_over_a_second_or_negative_is_refused_at_start() {
        assertThatThrownBy(() -> new LingeringSource(events, Duration.ofSeconds(2), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kap.read-models.batch-linger");
        assertThatThrownBy(() -> new LingeringSource(events, Duration.ofMillis(-1), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void no_event_no_wait_and_a_wait_for_nothing_does_not_count_as_a_batch() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(LINGER);
        assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isFalse();
        events.add(1);
        assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(pauses).isEmpty();
        // the processor's own check without a timeout never waits, busy or not
        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(pauses).isEmpty();
    }

    @Test
    void no_linger_is_the_store_s_own_stream_and_the_rest_is_passed_through() {
        assertThat(open(Duration.ZERO)).isSameAs(events.opened.get(0));
        BlockingStream<TrackedEventMessage<?>> stream = open(LINGER);
        events.add(7);
        assertThat(stream.peek().map(TrackedEventMessage::trackingToken)).contains(new GlobalSequenceTrackingToken(7));
        stream.skipMessagesWithPayloadTypeOf(events.queue.peek());
        assertThat(events.skipped).hasSize(1);
        stream.close();
        assertThat(events.closed).isTrue();
        assertThat(new LingeringSource(events, LINGER, Clock.systemUTC()).createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(42));
    }

    /** A store whose stream holds what the test adds. */
    private static final class Events implements StreamableMessageSource<TrackedEventMessage<?>> {
        final ArrayDeque<TrackedEventMessage<?>> queue = new ArrayDeque<>();
        final List<BlockingStream<TrackedEventMessage<?>>> opened = new ArrayList<>();
        final List<TrackedEventMessage<?>> skipped = new ArrayList<>();
        boolean closed;

        /** An event stored moments ago. */
        void add(long index) {
            add(index, WALL_CLOCK.minusMillis(10));
        }

        void add(long index, Instant stored) {
            queue.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index),
                    new GenericEventMessage<>(java.util.UUID.randomUUID().toString(), "event " + index, java.util.Map.of(), stored)));
        }

        @Override
        public TrackingToken createHeadToken() {
            return new GlobalSequenceTrackingToken(42);
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            BlockingStream<TrackedEventMessage<?>> stream = new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.ofNullable(queue.peek());
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    return !queue.isEmpty();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return queue.poll();
                }

                @Override
                public void close() {
                    closed = true;
                }

                @Override
                public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
                    skipped.add(ignoredMessage);
                }
            };
            opened.add(stream);
            return stream;
        }
    }
}
