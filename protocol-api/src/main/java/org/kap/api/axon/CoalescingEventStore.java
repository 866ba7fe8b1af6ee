package org.kap.api.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Axon's embedded event store, but for when its reader is told that events were committed. Axon wakes the one thread
 * that reads new events for the read models after every commit, and that thread reads until it finds nothing: on
 * PostgreSQL, three reads of the event table and two of its lowest index for each command one client sends
 * (docs/benchmarks.md), on the same two cores as the commands. Here a commit wakes the reader at once when the last
 * wake is at least {@code interval} old (an idle engine's read models see an act as soon as before); while commits
 * come faster, the ones within an interval share one wake at its end, and that fetch reads all of them.
 *
 * <p>Nothing is lost or delayed past the interval: a commit either wakes the reader, or finds a wake pending that runs
 * after the commit (so its fetch sees the commit's events), or schedules one. The reader's own poll (every second,
 * for other engines' events) is Axon's and unchanged, as are the events, their order and the processors' positions.
 */
public final class CoalescingEventStore extends EmbeddedEventStore {

    /** A longer interval would reach the reader's own poll of the store (a second) and gain nothing. */
    static final Duration MAX_INTERVAL = Duration.ofSeconds(1);

    private final Wakes wakes;

    public CoalescingEventStore(Builder builder, Duration interval) {
        super(builder);
        this.wakes = new Wakes(interval, System::nanoTime, () -> super.afterCommit(List.of()), Later.daemonThread());
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        wakes.committed();
    }

    @Override
    public void shutDown() {
        wakes.close();
        super.shutDown();
    }

    /** Running a wake after a delay: a daemon thread of its own in the engine, the tests' hand in theirs. */
    interface Later extends AutoCloseable {
        void after(long nanos, Runnable wake);

        @Override
        void close();

        static Later daemonThread() {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "event-store-wakes");
                thread.setDaemon(true);
                return thread;
            });
            return new Later() {
                @Override
                public void after(long nanos, Runnable wake) {
                    try {
                        executor.schedule(wake, nanos, TimeUnit.NANOSECONDS);
                    } catch (RejectedExecutionException shuttingDown) {
                        wake.run(); // a commit while the engine stops: the reader is told at once, as Axon would
                    }
                }

                @Override
                public void close() {
                    executor.shutdownNow();
                }
            };
        }
    }

    /**
     * When to pass a commit on to the reader: at once, or at the end of the current interval. Apart from the store so
     * the tests can drive it with their own clock and count its wakes.
     */
    static final class Wakes implements AutoCloseable {
        private final long intervalNanos;
        private final LongSupplier nanoTime;
        private final Runnable wake;
        private final Later later;
        private long lastWake;
        private boolean pending;

        Wakes(Duration interval, LongSupplier nanoTime, Runnable wake, Later later) {
            if (interval.isNegative() || interval.compareTo(MAX_INTERVAL) > 0) {
                throw new IllegalArgumentException("kap.read-models.fetch-interval is " + interval + "; it must be from 0s to "
                        + MAX_INTERVAL);
            }
            this.intervalNanos = interval.toNanos();
            this.nanoTime = nanoTime;
            this.wake = wake;
            this.later = later;
            this.lastWake = nanoTime.getAsLong() - intervalNanos;
        }

        /** Called after each commit of events, on the committing thread. */
        void committed() {
            long delay;
            synchronized (this) {
                if (pending) {
                    return; // the pending wake runs after this commit and its fetch reads this commit's events
                }
                long now = nanoTime.getAsLong();
                delay = lastWake + intervalNanos - now;
                if (delay <= 0) {
                    lastWake = now;
                } else {
                    pending = true;
                }
            }
            if (delay <= 0) {
                wake.run();
            } else {
                later.after(delay, this::wakeNow);
            }
        }

        /** The pending wake, at the end of its interval. */
        void wakeNow() {
            synchronized (this) {
                pending = false;
                lastWake = nanoTime.getAsLong();
            }
            wake.run();
        }

        @Override
        public void close() {
            later.close();
        }
    }
}
