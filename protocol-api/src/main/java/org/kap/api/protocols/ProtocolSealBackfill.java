package org.kap.api.protocols;

import org.kap.api.audit.EngineKeys;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ProtocolSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.kap.api.audit.AuditBackfills;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Versions published before seals get one, once, at the first start of an engine that seals, before it takes
 * requests (AuditBackfills), when their stored text still has the SHA-256 recorded at publication (what was done to
 * them before cannot be told apart from what was published; the log names each). A version whose text does not
 * match its hash is left unsealed, and the engine refuses to decide under it. Then, once, their meanings are pinned:
 * what this engine compiles each sealed text to (ProtocolMeaning), as a version published today has it pinned at
 * publication.
 */
@Component
class ProtocolSealBackfill implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolSealBackfill.class);

    private final JdbcProtocolCatalog catalog;
    private final JdbcTemplate jdbc;
    private final EngineKeys keys;
    private final AuditBackfills backfills;

    ProtocolSealBackfill(JdbcProtocolCatalog catalog, JdbcTemplate jdbc, EngineKeys keys, AuditBackfills backfills) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.keys = keys;
        this.backfills = backfills;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Integer sealed = jdbc.queryForObject("SELECT COUNT(*) FROM protocol_version WHERE key_id IS NOT NULL", Integer.class);
        backfills.once("protocol-seals", sealed != null && sealed > 0, this::sealUnsealedVersions);
        // then the meanings, which only a sealed text is compiled for
        Integer pinned = jdbc.queryForObject("SELECT COUNT(*) FROM protocol_version WHERE meaning IS NOT NULL", Integer.class);
        backfills.once("protocol-meanings", pinned != null && pinned > 0, this::pinUnpinnedVersions);
    }

    private void pinUnpinnedVersions() {
        for (PublishedProtocol row : catalog.protocols()) {
            if (row.meaning() != null) {
                continue;
            }
            try {
                catalog.pin(row);
                LOG.warn("protocol {} v{} was published before meanings were pinned; pinned now, as this engine reads it",
                        row.protocolId(), row.version());
            } catch (RuntimeException cannotCompile) {
                // left unpinned: the engine refuses to decide under it, and says why
                LOG.error("protocol {} v{}: not pinned: {}", row.protocolId(), row.version(), cannotCompile.getMessage());
            }
        }
    }

    private void sealUnsealedVersions() {
        for (PublishedProtocol row : catalog.all()) {
            if (row.keyId() != null) {
                continue;
            }
            String name = row.protocolId() + " v" + row.version();
            if (!ChainHasher.sha256(row.sourceText().getBytes(StandardCharsets.UTF_8)).equals(row.sourceSha256())) {
                LOG.error("protocol {}: its stored text does not match the SHA-256 recorded at publication; not sealed, not enforced", name);
                continue;
            }
            ProtocolSeal seal = ProtocolSeal.sign(row.protocolId(), row.version(), row.sourceSha256(), row.publishedAt().toString(),
                    row.publishedBy(), keys.signing());
            jdbc.update("UPDATE protocol_version SET sealed_at = ?, key_id = ?, signature = ? WHERE protocol_id = ? AND version = ? "
                    + "AND key_id IS NULL", seal.publishedAt(), seal.keyId(), seal.signature(), row.protocolId(), row.version());
            LOG.warn("protocol {} was published before seals; sealed now, as stored", name);
        }
    }
}
