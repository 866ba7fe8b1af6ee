package org.kap.core.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed head tells the record the engine signed from any other: the clumsy edit is the chain's to find, but a
 * rewrite with every hash recomputed, a cut tail, an added event and a forged checkpoint are the head's.
 */
class CheckpointTest {

    private static final EngineKey KEY = EngineKey.generate();
    private static final String AT = "2026-03-01T09:00:00Z";

    /** A chained course of {@code n} events whose payloads are the given texts. */
    private static List<ChainHasher.StoredEvent> chain(String... payloads) {
        List<ChainHasher.StoredEvent> events = new ArrayList<>();
        String previous = ChainHasher.GENESIS;
        for (int i = 0; i < payloads.length; i++) {
            Map<String, String> metadata = new HashMap<>(Map.of("actorId", "clinician", ChainHasher.PREVIOUS_HASH, previous));
            ChainHasher.StoredEvent unhashed = new ChainHasher.StoredEvent("course-1", i, "Recorded", null, AT,
                    payloads[i].getBytes(StandardCharsets.UTF_8), metadata);
            String hash = ChainHasher.hash(previous, unhashed);
            metadata.put(ChainHasher.HASH, hash);
            events.add(unhashed);
            previous = hash;
        }
        return events;
    }

    private static Checkpoint signed(List<ChainHasher.StoredEvent> events) {
        return Checkpoint.sign("course-1", events.size(), events.get(events.size() - 1).metadata().get(ChainHasher.HASH), AT, KEY);
    }

    @Test
    void the_signed_record_verifies() {
        List<ChainHasher.StoredEvent> events = chain("{\"dose\":\"0.5 mg/kg\"}", "{\"started\":true}");
        assertThat(signed(events).problemWith(events, List.of(KEY))).isEmpty();
    }

    @Test
    void a_rewrite_with_every_hash_recomputed_keeps_an_intact_chain_but_fails_the_signed_head() {
        List<ChainHasher.StoredEvent> original = chain("{\"dose\":\"0.5 mg/kg\"}", "{\"started\":true}");
        Checkpoint head = signed(original);
        List<ChainHasher.StoredEvent> rewritten = chain("{\"dose\":\"0.25 mg/kg\"}", "{\"started\":true}");
        assertThat(ChainVerification.verify(rewritten).intact()).as("the tamperer's chain is consistent").isTrue();
        assertThat(head.problemWith(rewritten, List.of(KEY))).hasValueSatisfying(p -> assertThat(p).contains("rewritten"));
    }

    @Test
    void a_cut_tail_and_an_unsigned_addition_are_named() {
        List<ChainHasher.StoredEvent> events = chain("a", "b", "c");
        Checkpoint head = signed(events);
        assertThat(head.problemWith(events.subList(0, 2), List.of(KEY)))
                .hasValueSatisfying(p -> assertThat(p).contains("2 events where 3 were signed").contains("removed from its end"));
        assertThat(head.problemWith(List.of(), List.of(KEY))).hasValueSatisfying(p -> assertThat(p).contains("0 events where 3"));
        assertThat(signed(events.subList(0, 2)).problemWith(events, List.of(KEY)))
                .hasValueSatisfying(p -> assertThat(p).contains("added without a signature"));
    }

    @Test
    void a_forged_or_altered_checkpoint_and_an_untrusted_key_are_named() {
        List<ChainHasher.StoredEvent> events = chain("a", "b");
        Checkpoint head = signed(events);
        Checkpoint altered = new Checkpoint(head.courseId(), 1, head.headHash(), head.signedAt(), head.keyId(), head.signature());
        assertThat(altered.problemWith(events, List.of(KEY))).hasValueSatisfying(p -> assertThat(p).contains("does not verify"));
        EngineKey tamperer = EngineKey.generate();
        Checkpoint forged = Checkpoint.sign("course-1", 2, head.headHash(), AT, tamperer);
        assertThat(forged.problemWith(events, List.of(KEY)))
                .hasValueSatisfying(p -> assertThat(p).contains("not among the trusted keys"));
        assertThat(head.problemWith(events, List.of(EngineKey.fromPublicPem(KEY.publicPem())))).as("the public part suffices").isEmpty();
    }
}
