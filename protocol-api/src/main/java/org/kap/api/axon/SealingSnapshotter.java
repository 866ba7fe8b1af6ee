package org.kap.api.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.kap.api.audit.SnapshotSeals;

/**
 * Axon's Spring snapshotter, each snapshot sealed as it is made (SnapshotSeals): the seal is written in the
 * snapshotter's transaction, the one that then stores the snapshot, so the two commit or roll back together.
 */
final class SealingSnapshotter extends SpringAggregateSnapshotter {

    private final SnapshotSeals seals;

    SealingSnapshotter(Builder builder, SnapshotSeals seals) {
        super(builder);
        this.seals = seals;
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
