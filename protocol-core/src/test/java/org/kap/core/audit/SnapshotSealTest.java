package org.kap.core.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotSealTest {

    private static final EngineKey KEY = EngineKey.generate();
    private static final byte[] BYTES = "{\"state\":{\"haltedBy\":\"AE-SEVERE\"}}".getBytes(StandardCharsets.UTF_8);
    private static final String TYPE = SnapshotSeal.type("kap.course.TreatmentCourse", "4");

    @Test
    void a_snapshot_is_used_only_as_sealed() {
        SnapshotSeal seal = SnapshotSeal.sign("c-1", 199, TYPE, BYTES, "2026-01-05T09:00:00Z", KEY);
        List<EngineKey> trusted = List.of(EngineKey.fromPublicPem(KEY.publicPem()));
        assertThat(seal.problemWith("c-1", 199, TYPE, BYTES, trusted)).isEmpty();
        assertThat(seal.verifies(trusted)).isTrue();

        byte[] haltCleared = "{\"state\":{\"haltedBy\":null}}".getBytes(StandardCharsets.UTF_8);
        assertThat(seal.problemWith("c-1", 199, TYPE, haltCleared, trusted)).contains("its bytes are not the ones sealed");
        assertThat(seal.problemWith("c-1", 99, TYPE, BYTES, trusted)).hasValueSatisfying(p -> assertThat(p).contains("at 199"));
        assertThat(seal.problemWith("c-2", 199, TYPE, BYTES, trusted)).isPresent();
        assertThat(seal.problemWith("c-1", 199, SnapshotSeal.type("kap.course.TreatmentCourse", "3"), BYTES, trusted))
                .contains("it is stored as kap.course.TreatmentCourse/3, sealed as kap.course.TreatmentCourse/4");
        assertThat(seal.problemWith("c-1", 199, TYPE, BYTES, List.of(EngineKey.generate())))
                .contains("its seal does not verify under a trusted key");
        assertThat(seal.problemWith("c-1", 199, TYPE, BYTES, null)).as("a seal this engine made: its signature is known").isEmpty();

        SnapshotSeal forged = new SnapshotSeal("c-1", 199, TYPE, ChainHasher.sha256(haltCleared), seal.sealedAt(), seal.keyId(),
                seal.signature());
        assertThat(forged.problemWith("c-1", 199, TYPE, haltCleared, trusted)).as("the digest changed to match, the signature kept")
                .contains("its seal does not verify under a trusted key");
        assertThat(forged.verifies(trusted)).isFalse();
    }
}
