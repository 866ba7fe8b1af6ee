package org.kap.api.audit;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;
import org.kap.core.course.CourseEvent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Chains every stored course event to the one before it as the event is published: its hash (over
 * the bytes the event store will write) and its predecessor's hash go into its metadata; the course's new
 * head is signed in the same transaction (Checkpoints). Signed acts (approvals, overrides, reviews,
 * corrections) also get an electronic signature, bound to their content and sealed (21 CFR 11.50, 11.70).
 */
@Component
public class HashChainInterceptor implements MessageDispatchInterceptor<EventMessage<?>> {

    private record Link(long sequence, String hash) {
    }

    /** What a unit of work adds to one course: from which sequence, onto which stored head, up to which link. */
    private record Extension(long firstSequence, String previousHead, Link last) {
    }

    private static final String PENDING = HashChainInterceptor.class.getName() + ".pending";
    private static final String HEADS_READ = HashChainInterceptor.class.getName() + ".headsRead";

    private final Serializer serializer;
    private final StoredEvents stored;
    /**
     * The last link this engine stored for recently active courses (bounded, least recently used out): what the
     * aggregate cache checks its course against (lastStoredSequence). Never the head a new event chains onto:
     * that is read from the store.
     */
    private final Map<String, Link> last = Collections.synchronizedMap(new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
            return size() > 10_000;
        }
    });

    private final Checkpoints checkpoints;
    private final EngineKeys keys;

    public HashChainInterceptor(@Qualifier("eventSerializer") Serializer serializer, StoredEvents stored, EventStore store,
                                Checkpoints checkpoints, EngineKeys keys) {
        this.keys = keys;
        this.serializer = serializer;
        this.stored = stored;
        this.checkpoints = checkpoints;
        store.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> message instanceof DomainEventMessage<?> event && event.getPayload() instanceof CourseEvent
                ? chained(event) : message;
    }

    /**
     * The sequence of the last event this engine stored for the course, as far as it remembers: the version of
     * the course it last committed, which another engine may since have moved on.
     */
    public java.util.OptionalLong lastStoredSequence(String aggregate) {
        Link link = last.get(aggregate);
        return link == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(link.sequence());
    }

    /**
     * The course's last stored event, read by the aggregate cache's check in this unit of work (so in the transaction
     * that will store the command's events): its first event chains onto that row's hash without reading the row again.
     * Still the head as stored, never one remembered from an earlier unit of work.
     */
    public void headRead(String aggregate, StoredEvents.Head head) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, StoredEvents.Head> read = CurrentUnitOfWork.get().root().getOrComputeResource(HEADS_READ, k -> new HashMap<>());
            read.put(aggregate, head);
        }
    }

    /** Unsynchronised on purpose: one course's events are published under that course's aggregate lock. */
    private EventMessage<?> chained(DomainEventMessage<?> event) {
        String aggregate = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
        Map<String, String> added = new HashMap<>();
        signature(event, payload, keys.signing()).forEach(added::put);
        String previous = previousHash(aggregate, sequence);
        Map<String, String> metadata = new HashMap<>();
        event.getMetaData().forEach((k, v) -> metadata.put(k, String.valueOf(v)));
        metadata.putAll(added);
        metadata.put(ChainHasher.PREVIOUS_HASH, previous);
        String hash = ChainHasher.hash(previous, new ChainHasher.StoredEvent(aggregate, sequence, payload.getType().getName(),
                payload.getType().getRevision(), DateTimeUtils.formatInstant(event.getTimestamp()), payload.getData(), metadata));
        added.put(ChainHasher.PREVIOUS_HASH, previous);
        added.put(ChainHasher.HASH, hash);
        remember(aggregate, previous, new Link(sequence, hash));
        return event.andMetaData(MetaData.from(added));
    }

    /**
     * The link is cached only once it is stored: an append that fails (another engine stored that sequence
     * first) must not leave a head the store does not have, or the next event would chain onto it.
     */
    private void remember(String aggregate, String previous, Link link) {
        Map<String, Extension> pending = pending();
        if (pending != null) {
            pending.merge(aggregate, new Extension(link.sequence(), previous, link),
                    (first, next) -> new Extension(first.firstSequence(), first.previousHead(), link));
        }
        // outside a unit of work the append may yet fail: the next event reads its head from the store
    }

    /**
     * The links of the unit of work being handled, not yet stored: a command that records several events
     * chains each onto the one before it; they reach the shared cache when the unit of work commits, and
     * leave no trace when it rolls back.
     */
    private Map<String, Extension> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Extension> pending = root.getResource(PENDING);
        if (pending == null) {
            Map<String, Extension> created = new HashMap<>();
            root.resources().put(PENDING, created);
            // in the transaction that stores the events: each course's new head, signed, but only onto the head
            // the engine signed before (a record changed in the store is never signed over)
            root.onPrepareCommit(u -> created.forEach((aggregate, e) -> checkpoints.extend(aggregate, e.firstSequence(),
                    e.previousHead(), e.last().sequence() + 1, e.last().hash())));
            root.afterCommit(u -> created.forEach((aggregate, e) -> last.put(aggregate, e.last())));
            root.onRollback(u -> created.keySet().forEach(last::remove));
            pending = created;
        }
        return pending;
    }

    private String previousHash(String aggregate, long sequence) {
        if (sequence == 0) {
            return ChainHasher.GENESIS;
        }
        Map<String, Extension> pending = pending();
        Link link = pending == null || !pending.containsKey(aggregate) ? null : pending.get(aggregate).last();
        if (link != null && link.sequence() == sequence - 1) {
            return link.hash();
        }
        // the first event of a unit of work chains onto the head as stored, never as remembered: a stored record
        // changed since is then found when the signed head is checked, and nothing is signed over it
        // a last event gone, or stripped of its hash, is a stored record changed: the course takes no more acts
        Map<String, String> metadata = headReadInThisUnitOfWork(aggregate, sequence - 1).map(stored::metadata)
                .or(() -> stored.metadataOf(aggregate, sequence - 1)).orElseThrow(() ->
                        new CourseIntegrityException(aggregate, "its event " + (sequence - 1) + " is not stored"));
        String hash = metadata.get(ChainHasher.HASH);
        if (hash == null) {
            throw new CourseIntegrityException(aggregate, "its event " + (sequence - 1) + " carries no chain hash");
        }
        return hash;
    }

    private java.util.Optional<byte[]> headReadInThisUnitOfWork(String aggregate, long sequence) {
        if (!CurrentUnitOfWork.isStarted()) {
            return java.util.Optional.empty();
        }
        Map<String, StoredEvents.Head> read = CurrentUnitOfWork.get().root().getResource(HEADS_READ);
        StoredEvents.Head head = read == null ? null : read.get(aggregate);
        return head == null || head.sequence() != sequence || head.metadata() == null ? java.util.Optional.empty()
                : java.util.Optional.of(head.metadata());
    }

    /**
     * Approvals, overrides, reviews and corrections are signed by the acting person (21 CFR 11.50): printed name,
     * user id, time, meaning, how they re-authenticated at signing (11.200; the API refuses the act otherwise), bound
     * to the record's content (11.70) and sealed with the engine key, so none of it can be altered or moved to another
     * record unseen.
     */
    private static Map<String, String> signature(DomainEventMessage<?> event, SerializedObject<byte[]> payload,
                                                 org.kap.core.audit.EngineKey key) {
        CourseEvent e = (CourseEvent) event.getPayload();
        String meaning = e instanceof CourseEvent.DoseApproved || e instanceof CourseEvent.CourseMigrated ? "approval"
                : e instanceof CourseEvent.RuleOverridden ? "responsibility"
                : e instanceof CourseEvent.CourseReviewed ? "review"
                : e instanceof CourseEvent.EntryCorrected ? "authorship" : null;
        if (meaning == null) {
            return Map.of();
        }
        Object method = event.getMetaData().get(org.kap.api.security.SignedActs.SIGNATURE_METHOD);
        if (method == null) {
            throw new IllegalStateException(e.getClass().getSimpleName() + " is a signed act, and its signer did not re-authenticate");
        }
        Map<String, String> signature = new HashMap<>(Map.of(ChainVerification.SIGNER, e.entry().actor().name(),
                ChainVerification.SIGNER_ID, e.entry().actor().id(),
                ChainVerification.SIGNED_AT, e.entry().recordedTime().toString(),
                ChainVerification.MEANING, meaning,
                ChainVerification.METHOD, method.toString(),
                ChainVerification.SIGNED_CONTENT, ChainHasher.signedContent(event.getAggregateIdentifier(),
                        event.getSequenceNumber(), payload.getType().getName(), payload.getData())));
        signature.put(ChainVerification.SEAL_KEY_ID, key.id());
        signature.put(ChainVerification.SEAL, key.sign(ChainVerification.sealedContent(signature)));
        return signature;
    }
}
