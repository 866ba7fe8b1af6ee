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

    @Override
    protected DomainEventMessage createSnapshot(Class<?> aggregateType, String aggregateIdentifier, DomainEventStream eventStream) {
        DomainEventMessage<?> snapshot = super.createSnapshot(aggregateType, aggregateIdentifier, eventStream);
        if (snapshot != null) {
            seals.seal(snapshot);
        }
        return snapshot;
    }
}
