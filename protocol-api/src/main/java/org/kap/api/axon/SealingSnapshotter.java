package org.kap.api.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.kap.api.audit.SnapshotSeals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Axon's Spring snapshotter, each snapshot sealed as it is made (SnapshotSeals): the seal is written in the
 * snapshotter's transaction, the one that then stores the snapshot, so the two commit or roll back together.
 *
 * <p>Snapshots are taken on a thread of their own, after the command that called for one has committed and been
 * answered: Axon's default takes it on the command's thread before the answer, so every hundredth command of a course
 * waited for the course to be folded, serialized, sealed and stored (docs/benchmarks.md). A snapshot is only a shortcut
 * to the course's state, its events are the record, so taking it a moment later changes nothing a command or an
 * auditor sees. When more snapshots wait than {@link #WAITING} (a replay, a migration), the command's thread takes
 * its own as before rather than drop it; at shutdown the waiting ones are taken before the store closes.
 */
final class SealingSnapshotter extends SpringAggregateSnapshotter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SealingSnapshotter.class);
    /** Snapshots waiting for the thread; each is one course's, and Axon never queues two of one course. */
    static final int WAITING = 1_000;
    private static final Duration FINISH_AT_SHUTDOWN = Duration.ofSeconds(30);

    private final SnapshotSeals seals;
    private final ExecutorService thread;

    private SealingSnapshotter(Builder builder, SnapshotSeals seals, ExecutorService thread) {
        super(builder.executor(thread));
        this.seals = seals;
        this.thread = thread;
    }

    /** The snapshotter {@code builder} describes, taking its snapshots on a thread of its own. */
    static SealingSnapshotter onItsOwnThread(Builder builder, SnapshotSeals seals) {
        ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING),
                runnable -> {
                    Thread t = new Thread(runnable, "course-snapshots");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        return new SealingSnapshotter(builder, seals, thread);
    }

    /** Takes the snapshots still waiting; Spring calls this before it closes what the snapshotter uses (the store). */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(FINISH_AT_SHUTDOWN.toSeconds(), TimeUnit.SECONDS)) {
            LOG.warn("Snapshots still being taken after {}; the courses concerned are folded from their events until their next",
                    FINISH_AT_SHUTDOWN);
            thread.shutdownNow();
        }
    }

    /**
     * Seals the snapshot when Axon will store it: Axon stores a snapshot only when it folds events beyond the first one
     * read (a snapshot taken with nothing new is dropped), and a seal over a dropped snapshot would replace the stored
     * snapshot's.
     */
    @Override
    protected DomainEventMessage createSnapshot(Class<?> aggregateType, String aggregateIdentifier, DomainEventStream eventStream) {
        long first = eventStream.hasNext() ? eventStream.peek().getSequenceNumber() : Long.MAX_VALUE;
        DomainEventMessage<?> snapshot = super.createSnapshot(aggregateType, aggregateIdentifier, eventStream);
        if (snapshot != null && snapshot.getSequenceNumber() > first) {
            seals.seal(snapshot);
        }
        return snapshot;
    }
}
