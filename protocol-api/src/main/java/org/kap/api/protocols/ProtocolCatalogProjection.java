package org.kap.api.protocols;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.kap.core.audit.ChainHasher;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;

/**
 * Keeps the catalog table of published versions. A subscribing processor: the row is written in
 * the publishing transaction, so a course can be screened under a version the moment it is published.
 */
@Component
@ProcessingGroup("protocol-catalog")
class ProtocolCatalogProjection {

    private final JdbcTemplate jdbc;

    ProtocolCatalogProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProtocolPublished e) {
        // one namespace: the id's first publication claims it for its kind (a racing claim for the other kind fails on the key)
        java.util.List<String> claimed = jdbc.queryForList("SELECT kind FROM published_id WHERE id = ?", String.class, e.protocolId());
        if (claimed.isEmpty()) {
            jdbc.update("INSERT INTO published_id (id, kind) VALUES (?, ?)", e.protocolId(), e.kindOrProtocol());
        } else if (!claimed.get(0).equals(e.kindOrProtocol())) {
            throw new ProtocolVersionConflict("'" + e.protocolId() + "' is already the id of a published " + claimed.get(0)
                    + "; give this " + e.kindOrProtocol() + " another id");
        }
        jdbc.update("""
                INSERT INTO protocol_version (protocol_id, version, status, title, source_sha256, source_text, published_at, published_by,
                                              sealed_at, key_id, signature, kind, meaning, meaning_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                e.protocolId(), e.version(), e.status(), e.title(), e.sourceSha256(), e.sourceText(),
                Timestamp.from(e.publishedAt()), e.publishedBy(), e.publishedAt().toString(), e.keyId(), e.signature(),
                e.kindOrProtocol(), e.meaning(),
                e.meaning() == null ? null : ChainHasher.sha256(e.meaning().getBytes(StandardCharsets.UTF_8)));
    }

    @EventHandler
    void on(ProtocolLifecycle.ActivationRequested e) {
        stage(e.seal());
    }

    @EventHandler
    void on(ProtocolLifecycle.Activated e) {
        stage(e.seal());
    }

    @EventHandler
    void on(ProtocolLifecycle.Retired e) {
        stage(e.seal());
    }

    /** The status a lifecycle act gave, with its seal. */
    private void stage(StatusSeal seal) {
        jdbc.update("UPDATE protocol_version SET status = ?, status_by = ?, status_at = ?, status_key_id = ?, status_signature = ? "
                        + "WHERE protocol_id = ? AND version = ?", seal.status(), seal.by(), seal.at(), seal.keyId(), seal.signature(),
                seal.protocolId(), seal.version());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM published_id");
        jdbc.update("DELETE FROM protocol_version");
    }
}
