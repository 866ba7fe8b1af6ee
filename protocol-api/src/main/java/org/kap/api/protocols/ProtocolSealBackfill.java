package org.kap.api.protocols;

import org.kap.api.audit.EngineKeys;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ProtocolSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Versions published before seals get one at start, when their stored text still has the SHA-256 recorded at
 * publication (what was done to them before cannot be told apart from what was published; the log names each).
 * A version whose text does not match its hash is left unsealed, and the engine refuses to decide under it.
 */
@Component
@Order(0)
class ProtocolSealBackfill implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolSealBackfill.class);

    private final JdbcProtocolCatalog catalog;
    private final JdbcTemplate jdbc;
    private final EngineKeys keys;

    ProtocolSealBackfill(JdbcProtocolCatalog catalog, JdbcTemplate jdbc, EngineKeys keys) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments args) {
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
