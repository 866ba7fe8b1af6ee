package org.kap.api.protocols;

import org.kap.api.audit.EngineKeys;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolCatalog;
import org.kap.core.rule.ProtocolRef;
import org.kap.dsl.CompileResult;
import org.kap.dsl.ProtocolCompiler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog the course's handlers receive: published versions, compiled from their stored text
 * once and kept (a published version never changes). A version is compiled only when its stored text is the
 * one its seal vouches for (ProtocolSeal); otherwise nothing is decided under it.
 */
@Component
public class JdbcProtocolCatalog implements ProtocolCatalog {

    private static final RowMapper<PublishedProtocol> ROW = (rs, n) -> new PublishedProtocol(rs.getString("protocol_id"),
            rs.getInt("version"), rs.getString("status"), rs.getString("title"), rs.getString("source_sha256"),
            rs.getString("source_text"), rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"),
            rs.getString("sealed_at"), rs.getString("key_id"), rs.getString("signature"));

    private final JdbcTemplate jdbc;
    private final EngineKeys keys;
    private final Map<ProtocolRef, Protocol> compiled = new ConcurrentHashMap<>();

    public JdbcProtocolCatalog(JdbcTemplate jdbc, EngineKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /**
     * What is wrong with a published version as stored: its text or seal changed where it is kept; empty when it
     * is the text that was published, or when no such version is stored.
     */
    public Optional<String> integrityProblem(String protocolId, int version) {
        return published(protocolId, version).flatMap(row -> row.seal().problemWith(row.sourceText(), keys.trusted()));
    }

    @Override
    public Optional<Protocol> find(ProtocolRef ref) {
        Protocol cached = compiled.get(ref);
        if (cached != null) {
            return Optional.of(cached);
        }
        return published(ref.id(), ref.version()).map(row -> compiled.computeIfAbsent(ref, r -> compile(verified(row))));
    }

    /** Only the text that was published is ever compiled and enforced. */
    private PublishedProtocol verified(PublishedProtocol row) {
        row.seal().problemWith(row.sourceText(), keys.trusted()).ifPresent(problem -> {
            throw new ProtocolIntegrityException(problem);
        });
        return row;
    }

    public Optional<PublishedProtocol> published(String protocolId, int version) {
        return jdbc.query("SELECT * FROM protocol_version WHERE protocol_id = ? AND version = ?", ROW, protocolId, version)
                .stream().findFirst();
    }

    public List<PublishedProtocol> all() {
        return jdbc.query("SELECT * FROM protocol_version ORDER BY protocol_id, version", ROW);
    }

    private static Protocol compile(PublishedProtocol row) {
        CompileResult result = ProtocolCompiler.compile(row.protocolId() + "-v" + row.version() + ".kap", row.sourceText());
        if (result.hasErrors()) {
            // only checked text is ever published; a failure here means the language changed under it
            throw new IllegalStateException("published protocol " + row.protocolId() + " v" + row.version()
                    + " no longer compiles: " + result.errors());
        }
        return result.protocol();
    }
}
