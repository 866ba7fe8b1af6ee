package org.kap.core.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineKeyTest {

    private static final byte[] CONTENT = "kap-checkpoint-v1\ncourse-1\n4\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_signature_verifies_under_its_key_only_and_only_for_what_was_signed() {
        EngineKey key = EngineKey.generate();
        EngineKey other = EngineKey.generate();
        String signature = key.sign(CONTENT);
        assertThat(key.verifies(CONTENT, signature)).isTrue();
        assertThat(other.verifies(CONTENT, signature)).isFalse();
        assertThat(key.verifies("kap-checkpoint-v1\ncourse-1\n3\n".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(key.verifies(CONTENT, "not base64 at all")).isFalse();
        assertThat(key.verifies(CONTENT, null)).isFalse();
    }

    @Test
    void keys_travel_as_pem_and_keep_their_id() {
        EngineKey key = EngineKey.generate();
        assertThat(key.publicPem()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        EngineKey verifying = EngineKey.fromPublicPem(key.publicPem());
        assertThat(verifying.id()).isEqualTo(key.id()).hasSize(16);
        assertThat(verifying.canSign()).isFalse();
        assertThat(verifying.verifies(CONTENT, key.sign(CONTENT))).isTrue();
        assertThatThrownBy(() -> verifying.sign(CONTENT)).hasMessageContaining("no private part");

        EngineKey signing = EngineKey.fromPem(key.publicPem(), key.privatePem());
        assertThat(key.verifies(CONTENT, signing.sign(CONTENT))).isTrue();
    }

    @Test
    void a_private_key_that_does_not_belong_to_the_public_key_is_refused() {
        EngineKey key = EngineKey.generate();
        EngineKey other = EngineKey.generate();
        assertThatThrownBy(() -> EngineKey.fromPem(key.publicPem(), other.privatePem()))
                .hasMessageContaining("does not belong to public key " + key.id());
        assertThatThrownBy(() -> EngineKey.fromPublicPem("hello")).hasMessageContaining("not an Ed25519 public key");
    }

    @Test
    void a_private_key_is_never_paired_with_another_public_key_even_under_that_keys_id() {
        EngineKey key = EngineKey.generate();
        EngineKey other = EngineKey.generate();
        assertThatThrownBy(() -> new EngineKey(other.id(), other.pub(), key.secret()))
                .hasMessageContaining("does not belong to public key " + other.id());
    }

    @Test
    void a_key_id_cannot_be_claimed_for_another_key() {
        EngineKey key = EngineKey.generate();
        EngineKey other = EngineKey.generate();
        assertThatThrownBy(() -> new EngineKey(key.id(), other.pub(), java.util.Optional.empty()))
                .hasMessageContaining("is not the id of its public key");
    }

    /**
     * Signatures made and checked by the runtime's own Ed25519 (as every signature stored before this engine used Bouncy
     * Castle's arithmetic) are the same bytes: Ed25519 is deterministic, so old heads, seals and exports verify as before,
     * and what the engine signs now verifies with any RFC 8032 implementation (OpenSSL, the JDK).
     */
    @Test
    void signatures_are_the_runtimes_own_byte_for_byte_both_ways() throws Exception {
        for (int i = 0; i < 20; i++) {
            EngineKey key = EngineKey.generate();
            byte[] content = ("kap-checkpoint-v1\ncourse-" + i + "\n" + i + "\n").getBytes(StandardCharsets.UTF_8);
            java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
            jdk.initSign(key.secret().orElseThrow());
            jdk.update(content);
            String runtimes = java.util.Base64.getEncoder().encodeToString(jdk.sign());
            assertThat(key.sign(content)).isEqualTo(runtimes);
            assertThat(key.verifies(content, runtimes)).isTrue();

            java.security.Signature check = java.security.Signature.getInstance("Ed25519");
            check.initVerify(key.pub());
            check.update(content);
            assertThat(check.verify(java.util.Base64.getDecoder().decode(key.sign(content)))).isTrue();
            byte[] flipped = java.util.Base64.getDecoder().decode(runtimes);
            flipped[i % flipped.length] ^= 1;
            assertThat(key.verifies(content, java.util.Base64.getEncoder().encodeToString(flipped))).isFalse();
        }
        assertThat(EngineKey.generate().verifies(CONTENT, java.util.Base64.getEncoder().encodeToString(new byte[12])))
                .as("a signature of the wrong length").isFalse();
    }
}
