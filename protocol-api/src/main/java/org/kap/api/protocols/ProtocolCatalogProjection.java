package org.kap.api.protocols;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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
        jdbc.update("""
                INSERT INTO protocol_version (protocol_id, version, status, title, source_sha256, source_text, published_at, published_by,
                                              sealed_at, key_id, signature, kind)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                e.protocolId(), e.version(), e.status(), e.title(), e.sourceSha256(), e.sourceText(),
                Timestamp.from(e.publishedAt()), e.publishedBy(), e.publishedAt().toString(), e.keyId(), e.signature(),
                e.kindOrProtocol());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM protocol_version");
    }
}
