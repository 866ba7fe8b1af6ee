package org.kap.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kap.core.audit.EngineKey;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The public keys whose signatures this engine trusts, for {@code ./kap verify --key}. An auditor who fears the
 * operator takes them from somewhere the operator cannot rewrite later (a copy made when the key was created,
 * the anchor's copies), not only from the engine itself: docs/audit.md says why.
 */
@RestController
@RequestMapping("/api/v1/audit/keys")
@Tag(name = "Audit", description = "Verify, replay and export a course's record")
class SigningKeyController {

    /** One key: its id, whether the engine signs with it now, and its public part (PEM). */
    record KeyView(String keyId, String algorithm, boolean signing, String publicKey) {
    }

    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final EngineKeys keys;

    SigningKeyController(EngineKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "The engine's public signing keys (Ed25519, PEM): the one it signs with and older ones it still trusts")
    List<KeyView> all() {
        return keys.trusted().stream().map(k -> new KeyView(k.id(), "Ed25519", k.id().equals(keys.signing().id()), k.publicPem()))
                .toList();
    }

    @GetMapping("/{keyId}")
    @Operation(summary = "One public key as a PEM file, to save as engine.pub for ./kap verify --key")
    ResponseEntity<String> one(@PathVariable String keyId) {
        EngineKey key = keys.trusted().stream().filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> new UnknownSigningKey(keyId));
        return ResponseEntity.ok().contentType(PEM).body(key.publicPem());
    }
}
