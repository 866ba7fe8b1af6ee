package org.kap.api.axon;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads stored payloads the way the event store does: through the upcaster chain, then the serializer. Code that
 * reads stored rows itself (a verified replay reads the very bytes it hashed) uses this, so an older row means to
 * it what it means to the event store.
 */
@Component
public class StoredPayloads {

    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);

    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public StoredPayloads(@Qualifier("eventSerializer") Serializer serializer, org.axonframework.config.Configuration axon) {
        this.serializer = serializer;
        this.upcasters = axon.upcasterChain();
    }

    /** The payloads one stored row reads as today: one, or none or several where an upcaster split or dropped it. */
    public List<Object> read(String aggregateType, String aggregateId, long sequence, String payloadType, String revision,
                             String timestamp, byte[] payload) {
        var row = new GenericDomainEventEntry<>(aggregateType, aggregateId, sequence, aggregateId + ":" + sequence,
                timestamp, payloadType, revision, payload, NO_METADATA);
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(row), serializer, upcasters)
                .asStream().<Object>map(message -> message.getPayload()).toList();
    }
}
