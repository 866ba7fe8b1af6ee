package org.kap.api.axon;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads stored payloads the way the event store does: through the upcaster chain, then the serializer. Code that
 * reads stored rows itself (a verified replay reads the very bytes it hashed) uses this, so an older row means to
 * it what it means to the event store.
 */
@Component
public class StoredPayloads {

    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public StoredPayloads(@Qualifier("eventSerializer") Serializer serializer, org.axonframework.config.Configuration axon) {
        this.serializer = serializer;
        this.upcasters = axon.upcasterChain();
    }

    /**
     * The payloads one stored row reads as today: one, or none or several where an upcaster split or dropped it. The
     * row's metadata goes with it, so an upcaster that reads metadata sees what the event store's would.
     */
    public List<Object> read(String aggregateType, String aggregateId, long sequence, String payloadType, String revision,
                             String timestamp, byte[] payload, Map<String, String> metadata) {
        byte[] storedMetadata = serializer.serialize(MetaData.from(metadata), byte[].class).getData();
        var row = new GenericDomainEventEntry<>(aggregateType, aggregateId, sequence, aggregateId + ":" + sequence,
                timestamp, payloadType, revision, payload, storedMetadata);
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(row), serializer, upcasters)
                .asStream().<Object>map(message -> message.getPayload()).toList();
    }
}
