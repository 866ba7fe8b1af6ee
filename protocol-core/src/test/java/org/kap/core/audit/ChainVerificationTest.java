package org.kap.core.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChainVerificationTest {

    /** A chain of n events as the engine stores them, the third one signed. */
    private static List<ChainHasher.StoredEvent> chain(int n) {
        List<ChainHasher.StoredEvent> events = new ArrayList<>();
        String previous = ChainHasher.GENESIS;
        for (int i = 0; i < n; i++) {
            byte[] payload = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            Map<String, String> meta = new HashMap<>(Map.of("actorId", "user-" + i, ChainHasher.PREVIOUS_HASH, previous));
            if (i == 2) {
                meta.put(ChainVerification.SIGNER, "Dr Ben Okafor");
                meta.put(ChainVerification.MEANING, "approval");
                meta.put(ChainVerification.SIGNED_CONTENT, ChainHasher.signedContent("c-1", i, "DoseApproved", payload));
            }
            var event = new ChainHasher.StoredEvent("c-1", i, i == 2 ? "DoseApproved" : "Other", null, "2026-01-0" + (i + 1) + "T09:00:00Z",
                    payload, meta);
            String hash = ChainHasher.hash(previous, event);
            meta.put(ChainHasher.HASH, hash);
            events.add(event);
            previous = hash;
        }
        return events;
    }

    private static final EngineKey KEY = EngineKey.generate();

    /** The chain with event 2's signature sealed, then {@code change} applied to its metadata and every hash recomputed. */
    private static List<ChainHasher.StoredEvent> sealedThen(java.util.function.Consumer<Map<String, String>> change) {
        List<ChainHasher.StoredEvent> out = new ArrayList<>();
        String previous = ChainHasher.GENESIS;
        for (ChainHasher.StoredEvent e : chain(4)) {
            Map<String, String> meta = new HashMap<>(e.metadata());
            meta.put(ChainHasher.PREVIOUS_HASH, previous);
            if (e.sequence() == 2) {
                meta.put(ChainVerification.SIGNER_ID, "prescriber");
                meta.put(ChainVerification.SIGNED_AT, "2026-01-03T09:00:01Z");
                meta.put(ChainVerification.METHOD, "password re-entered");
                meta.put(ChainVerification.SEAL_KEY_ID, KEY.id());
                meta.put(ChainVerification.SEAL, KEY.sign(ChainVerification.sealedContent(meta)));
                change.accept(meta);
            }
            ChainHasher.StoredEvent event = with(e, e.payload(), meta);
            previous = ChainHasher.hash(previous, event);
            meta.put(ChainHasher.HASH, previous);
            out.add(event);
        }
        return out;
    }

    @Test
    void a_sealed_signature_holds_and_any_change_to_its_manifestation_is_found_even_with_hashes_recomputed() {
        assertThat(ChainVerification.verify(sealedThen(meta -> { }), List.of(KEY)).intact()).isTrue();
        for (String field : List.of(ChainVerification.SIGNER, ChainVerification.SIGNER_ID, ChainVerification.MEANING,
                ChainVerification.SIGNED_AT, ChainVerification.METHOD)) {
            var result = ChainVerification.verify(sealedThen(meta -> meta.put(field, "changed")), List.of(KEY));
            assertThat(result.firstBroken()).as(field).hasValueSatisfying(b -> {
                assertThat(b.sequence()).isEqualTo(2);
                assertThat(b.problem()).contains("does not carry the engine's seal");
            });
        }
        assertThat(ChainVerification.verify(sealedThen(meta -> { }), List.of(EngineKey.generate())).intact())
                .as("sealed by a key that is not trusted").isFalse();
        assertThat(ChainVerification.verify(sealedThen(meta -> meta.put(ChainVerification.METHOD, "changed"))).intact())
                .as("without keys, only the chain is checked").isTrue();
        var stripped = ChainVerification.verify(sealedThen(meta -> {
            meta.remove(ChainVerification.SEAL);
            meta.remove(ChainVerification.SEAL_KEY_ID);
        }), List.of(KEY));
        assertThat(stripped.firstBroken()).hasValueSatisfying(b -> assertThat(b.problem()).contains("has lost its seal"));
        // an unsigned event of a signed act's command (a refusal) carries how its actor re-authenticated, and no seal
        List<ChainHasher.StoredEvent> refusal = new ArrayList<>();
        String previous = ChainHasher.GENESIS;
        for (ChainHasher.StoredEvent e : chain(2)) {
            Map<String, String> meta = new HashMap<>(e.metadata());
            meta.put(ChainHasher.PREVIOUS_HASH, previous);
            meta.put(ChainVerification.METHOD, "password re-entered");
            ChainHasher.StoredEvent event = with(e, e.payload(), meta);
            previous = ChainHasher.hash(previous, event);
            meta.put(ChainHasher.HASH, previous);
            refusal.add(event);
        }
        assertThat(ChainVerification.verify(refusal, List.of(KEY)).intact()).isTrue();
    }

    private static ChainHasher.StoredEvent with(ChainHasher.StoredEvent e, byte[] payload, Map<String, String> meta) {
        return new ChainHasher.StoredEvent(e.aggregateId(), e.sequence(), e.payloadType(), e.payloadRevision(), e.timestamp(), payload, meta);
    }

    @Test
    void an_untouched_chain_is_intact() {
        assertThat(ChainVerification.verify(chain(6)).intact()).isTrue();
        assertThat(ChainVerification.verify(List.of()).intact()).isTrue();
    }

    @Test
    void a_changed_payload_byte_breaks_the_chain_at_that_event() {
        var events = chain(6);
        byte[] flipped = events.get(3).payload().clone();
        flipped[5] ^= 1;
        events.set(3, with(events.get(3), flipped, events.get(3).metadata()));
        var broken = ChainVerification.verify(events).firstBroken().orElseThrow();
        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.problem()).contains("does not match its hash");
    }

    @Test
    void changed_metadata_a_missing_event_and_swapped_events_are_found_where_they_are() {
        var meta = chain(6);
        var changed = new HashMap<>(meta.get(1).metadata());
        changed.put("actorId", "someone-else");
        meta.set(1, with(meta.get(1), meta.get(1).payload(), changed));
        assertThat(ChainVerification.verify(meta).firstBroken().orElseThrow().sequence()).isEqualTo(1);

        var gap = chain(6);
        gap.remove(4);
        var missing = ChainVerification.verify(gap).firstBroken().orElseThrow();
        assertThat(missing.sequence()).isEqualTo(4);
        assertThat(missing.problem()).contains("event 4 is missing");

        var swapped = chain(6);
        var a = swapped.get(1);
        var b = swapped.get(4);
        swapped.set(1, with(a, b.payload(), a.metadata()));
        swapped.set(4, with(b, a.payload(), b.metadata()));
        assertThat(ChainVerification.verify(swapped).firstBroken().orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void a_signature_copied_onto_another_record_fails() {
        var events = chain(6);
        var copied = new HashMap<>(events.get(4).metadata());
        for (String key : List.of(ChainVerification.SIGNER, ChainVerification.MEANING, ChainVerification.SIGNED_CONTENT)) {
            copied.put(key, events.get(2).metadata().get(key));
        }
        events.set(4, with(events.get(4), events.get(4).payload(), copied));
        var broken = ChainVerification.verify(events).firstBroken().orElseThrow();
        assertThat(broken.sequence()).isEqualTo(4);
        assertThat(broken.problem()).contains("signature of Dr Ben Okafor is not bound to this record");
    }

    @Test
    void a_tail_is_verified_from_the_hash_of_the_event_before_it() {
        List<ChainHasher.StoredEvent> events = chain(6);
        String prefixEnd = events.get(3).metadata().get(ChainHasher.HASH);
        List<ChainHasher.StoredEvent> tail = events.subList(4, 6);
        assertThat(ChainVerification.verifyFrom(4, prefixEnd, tail, null).intact()).isTrue();
        assertThat(ChainVerification.verifyFrom(4, prefixEnd, List.of(), null).intact()).as("no new events").isTrue();

        ChainVerification.Result otherPrefix = ChainVerification.verifyFrom(4, events.get(2).metadata().get(ChainHasher.HASH), tail, null);
        assertThat(otherPrefix.firstBroken()).map(ChainVerification.Broken::sequence).contains(4L);
        assertThat(otherPrefix.firstBroken().orElseThrow().problem()).contains("previous hash");

        ChainVerification.Result gap = ChainVerification.verifyFrom(3, prefixEnd, tail, null);
        assertThat(gap.firstBroken().orElseThrow().problem()).contains("event 3 is missing");

        Map<String, String> meta = new HashMap<>(events.get(5).metadata());
        ChainHasher.StoredEvent edited = with(events.get(5), "{\"n\":50}".getBytes(StandardCharsets.UTF_8), meta);
        assertThat(ChainVerification.verifyFrom(4, prefixEnd, List.of(events.get(4), edited), null).firstBroken())
                .map(ChainVerification.Broken::sequence).contains(5L);
    }

    @Test
    void a_verified_prefix_verifies_only_as_signed_by_a_trusted_key() {
        org.kap.core.rule.ProtocolRef v1 = new org.kap.core.rule.ProtocolRef("kap-im", 1);
        VerifiedPrefix prefix = VerifiedPrefix.sign("c-1", 4, "ab".repeat(32), v1, "2026-01-05T09:00:00Z", KEY);
        assertThat(prefix.verifies(List.of(EngineKey.fromPublicPem(KEY.publicPem())))).as("the public part suffices").isTrue();
        assertThat(prefix.verifies(List.of(EngineKey.generate()))).as("another key").isFalse();
        for (VerifiedPrefix changed : List.of(
                new VerifiedPrefix("c-2", 4, prefix.headHash(), v1, prefix.recomputedAt(), prefix.keyId(), prefix.signature()),
                new VerifiedPrefix("c-1", 40, prefix.headHash(), v1, prefix.recomputedAt(), prefix.keyId(), prefix.signature()),
                new VerifiedPrefix("c-1", 4, "cd".repeat(32), v1, prefix.recomputedAt(), prefix.keyId(), prefix.signature()),
                new VerifiedPrefix("c-1", 4, prefix.headHash(), new org.kap.core.rule.ProtocolRef("kap-im", 2), prefix.recomputedAt(),
                        prefix.keyId(), prefix.signature()),
                new VerifiedPrefix("c-1", 4, prefix.headHash(), v1, "2026-12-05T09:00:00Z", prefix.keyId(), prefix.signature()))) {
            assertThat(changed.verifies(List.of(KEY))).as(changed.toString()).isFalse();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerifiedPrefix.sign("c-1", 0, ChainHasher.GENESIS, v1, "2026-01-05T09:00:00Z", KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
