package org.kap.api.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The event store as a read model's tracking processor reads it, but for one thing: while the processor is busy (its
 * last batch began less than {@link #BUSY_WITHIN} ago) and the next event is fresh (stored less than that ago), the
 * event makes it wait {@code linger} before it takes its next batch, so the events of that moment are folded, written
 * and committed as one batch and not one each (on H2 every commit writes its pages to the file: docs/benchmarks.md). An
 * idle processor takes an event at once, so a single act reaches the list as quickly as before; a backlog (a replay, a
 * catch-up after a restart) is older than that and is taken without waiting, its batches full already. Nothing is
 * skipped, reordered or held back from a batch: the processor still takes every event in the store's order, and the
 * store is what it reads from.
 */
public final class LingeringSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** A batch begun within this of the last one means events are arriving faster than they are taken one by one. */
    static final Duration BUSY_WITHIN = Duration.ofMillis(100);
    /** A longer wait would eat into the processor's own wait for events (a second) and the claim on its segment. */
    static final Duration MAX_LINGER = Duration.ofSeconds(1);

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Duration linger;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final Pause pause;

    /** Waiting {@code linger}; a seam for the tests, which count the waits instead of sleeping them. */
    interface Pause {
        void of(Duration linger) throws InterruptedException;
    }

    /** {@code clock} is the engine's: what an event's stored time is compared with to tell a fresh event from a backlog. */
    public LingeringSource(StreamableMessageSource<TrackedEventMessage<?>> store, Duration linger, Clock clock) {
        this(store, linger, System::nanoTime, clock, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    LingeringSource(StreamableMessageSource<TrackedEventMessage<?>> store, Duration linger, LongSupplier nanoTime, Clock clock,
                    Pause pause) {
        if (linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException("kap.read-models.batch-linger is " + linger + "; it must be from 0s to " + MAX_LINGER);
        }
        this.store = store;
        this.linger = linger;
        this.nanoTime = nanoTime;
        this.clock = clock;
        this.pause = pause;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(trackingToken);
        return linger.isZero() ? stream : new Lingering(stream);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /**
     * A tracking processor waits for its first event with a timeout ({@link #hasNextAvailable(int, TimeUnit)}), then takes
     * what else is there without waiting ({@link #hasNextAvailable()}): the wait goes after the first, nowhere else.
     */
    private final class Lingering implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private long lastBatch = nanoTime.getAsLong() - BUSY_WITHIN.toNanos() - 1;

        Lingering(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!stream.hasNextAvailable(timeout, unit)) {
                return false;
            }
            if (timeout > 0) { // a batch begins
                if (nanoTime.getAsLong() - lastBatch < BUSY_WITHIN.toNanos() && fresh(stream.peek())) {
                    pause.of(linger);
                }
                lastBatch = nanoTime.getAsLong();
            }
            return true;
        }

        /** Stored moments ago, not waiting in a backlog (on another engine's clock, at worst a batch taken at once). */
        private boolean fresh(Optional<TrackedEventMessage<?>> next) {
            return next.map(event -> Duration.between(event.getTimestamp(), clock.instant()).compareTo(BUSY_WITHIN) < 0).orElse(false);
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
