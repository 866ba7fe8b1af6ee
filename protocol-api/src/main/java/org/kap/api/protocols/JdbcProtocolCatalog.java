package org.kap.api.protocols;

import org.kap.api.audit.EngineKeys;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolCatalog;
import org.kap.core.protocol.ProtocolMeaning;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.terminology.ValueSetLibrary;
import org.kap.dsl.CompileResult;
import org.kap.dsl.Libraries;
import org.kap.dsl.ProtocolCompiler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog the course's handlers receive: published versions, compiled from their stored text
 * once and kept (a published version never changes). A version is compiled only when its stored text is the
 * one its seal vouches for (ProtocolSeal); otherwise nothing is decided under it. The same holds for the libraries of
 * value sets a protocol imports: each is used only as the text its own seal vouches for.
 */
@Component
public class JdbcProtocolCatalog implements ProtocolCatalog, Libraries {

    private static final RowMapper<PublishedProtocol> ROW = (rs, n) -> new PublishedProtocol(rs.getString("protocol_id"),
            rs.getInt("version"), rs.getString("status"), rs.getString("title"), rs.getString("source_sha256"),
            rs.getString("source_text"), rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"),
            rs.getString("sealed_at"), rs.getString("key_id"), rs.getString("signature"), rs.getString("kind"),
            rs.getString("meaning_sha256"), rs.getString("meaning"));

    private final JdbcTemplate jdbc;
    private final EngineKeys keys;
    private final Map<ProtocolRef, Protocol> compiled = new ConcurrentHashMap<>();
    private final Map<ProtocolRef, ValueSetLibrary> libraries = new ConcurrentHashMap<>();

    public JdbcProtocolCatalog(JdbcTemplate jdbc, EngineKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /**
     * What is wrong with a published version as stored: its text or seal changed where it is kept, or that of a
     * library it imports; empty when it is the text that was published, or when no such version is stored.
     */
    public Optional<String> integrityProblem(String protocolId, int version) {
        Optional<PublishedProtocol> row = published(protocolId, version);
        Optional<String> own = row.flatMap(r -> r.seal().problemWith(r.sourceText(), keys.trusted()));
        if (own.isPresent() || row.isEmpty()) {
            return own;
        }
        try {
            Protocol served = asPublished(new ProtocolRef(protocolId, version))
                    .orElseThrow(() -> new org.kap.core.protocol.UnknownProtocolException(new ProtocolRef(protocolId, version)));
            // the lifecycle status, read and checked as every decision reads it
            find(new ProtocolRef(protocolId, version));
            // what the engine decides under is what was pinned at publication (the pin read again, as the text was)
            if (!ProtocolMeaning.of(served).sha256().equals(row.get().meaningSha256())) {
                return Optional.of("protocol " + protocolId + " v" + version + ": the meaning it is decided under is not the one "
                        + "pinned at its publication");
            }
            // the imports of the version as compiled; each library's row is read again, as the protocol's was
            for (ValueSetLibrary.Ref imported : served.imports()) {
                Optional<String> problem = libraryProblem(imported.id(), imported.version());
                if (problem.isPresent()) {
                    return Optional.of("protocol " + protocolId + " v" + version + " imports " + problem.get());
                }
            }
        } catch (ProtocolIntegrityException | ProtocolMeaningChanged | org.kap.core.protocol.UnknownProtocolException
                 | IllegalStateException | IllegalArgumentException cannotServe) {
            // an import changed, a row that no longer says it is a protocol, a text this engine compiles otherwise: each is
            // a verdict on the version, never an error of the verification
            return Optional.of(cannotServe instanceof org.kap.core.protocol.UnknownProtocolException
                    ? "protocol " + protocolId + " v" + version + ": its catalog row no longer says it is a protocol"
                    : cannotServe.getMessage());
        }
        return Optional.empty();
    }

    /** What is wrong with a published library as stored; empty when it is the text that was published. */
    public Optional<String> libraryIntegrityProblem(String id, int version) {
        return libraryProblem(id, version);
    }

    private Optional<String> libraryProblem(String id, int version) {
        Optional<PublishedProtocol> row = publishedOfKind(id, version, ProtocolPublished.LIBRARY);
        if (row.isEmpty()) {
            return Optional.of("library " + id + " v" + version + ", which is no longer in the catalog");
        }
        return row.get().seal().problemWith(row.get().sourceText(), keys.trusted())
                .map(problem -> problem.replaceFirst("^protocol ", "library "));
    }

    /**
     * The version as its lifecycle has it now: the rules compiled from its text (once), under the status its lifecycle
     * gave it (read at every call: another engine may have retired it a moment ago). A version awaiting its second
     * signature screens no one, as a draft.
     */
    @Override
    public Optional<Protocol> find(ProtocolRef ref) {
        List<StatusSeal> stage = jdbc.query("SELECT status, status_by, status_at, status_key_id, status_signature FROM protocol_version "
                        + "WHERE protocol_id = ? AND version = ? AND kind = ?",
                (rs, n) -> new StatusSeal(ref.id(), ref.version(), rs.getString("status"), rs.getString("status_by"),
                        rs.getString("status_at"), rs.getString("status_key_id"), rs.getString("status_signature")),
                ref.id(), ref.version(), ProtocolPublished.PROTOCOL);
        if (stage.isEmpty()) {
            return Optional.empty();
        }
        Optional<Protocol> published = asPublished(ref);
        if (published.isEmpty()) {
            return Optional.empty();
        }
        statusProblem(published.get(), stage.get(0)).ifPresent(problem -> {
            throw new ProtocolIntegrityException(problem);
        });
        return published.map(p -> p.withStatus(switch (ProtocolLifecycle.Stage.ofStored(stage.get(0).status())) {
            case DRAFT, AWAITING_APPROVAL -> org.kap.core.protocol.ProtocolStatus.DRAFT;
            case ACTIVE -> org.kap.core.protocol.ProtocolStatus.ACTIVE;
            case RETIRED -> org.kap.core.protocol.ProtocolStatus.RETIRED;
        }));
    }

    /** Signatures already verified, by version: a status is verified again only when it changed. */
    private final Map<ProtocolRef, String> verifiedStatus = new ConcurrentHashMap<>();

    /**
     * What is wrong with a version's stored status: a status no signed act gave must be the one its sealed text was
     * published with; one an act gave must carry that act's seal.
     */
    private Optional<String> statusProblem(Protocol asPublished, StatusSeal stored) {
        String name = "protocol " + stored.protocolId() + " v" + stored.version();
        if (stored.signature() == null) {
            String published = asPublished.status().name().toLowerCase(java.util.Locale.ROOT);
            return published.equals(stored.status()) ? Optional.empty() : Optional.of(name + ": its status '" + stored.status()
                    + "' is not the one it was published with ('" + published + "'), and no signed act made it so");
        }
        ProtocolRef ref = new ProtocolRef(stored.protocolId(), stored.version());
        String seen = stored.status() + "|" + stored.signature();
        if (seen.equals(verifiedStatus.get(ref))) {
            return Optional.empty();
        }
        Optional<String> problem = stored.problemWith(keys.trusted());
        if (problem.isEmpty()) {
            verifiedStatus.put(ref, seen);
        }
        return problem;
    }

    /** The version's rules exactly as compiled from its sealed text, its status the text's. */
    private Optional<Protocol> asPublished(ProtocolRef ref) {
        Protocol cached = compiled.get(ref);
        if (cached != null) {
            return Optional.of(cached);
        }
        return publishedOfKind(ref.id(), ref.version(), ProtocolPublished.PROTOCOL)
                .map(row -> compiled.computeIfAbsent(ref, r -> compile(verified(row))));
    }

    /**
     * A published library, compiled from the text its seal vouches for; what a protocol's import reads. Its row is
     * read and verified at every import (once per protocol version compiled), so a library changed where it is stored
     * stops every protocol compiled after the change, not only those compiled before the engine cached it.
     */
    @Override
    public Optional<ValueSetLibrary> find(String id, int version) {
        Optional<PublishedProtocol> row = publishedOfKind(id, version, ProtocolPublished.LIBRARY);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> problem = row.get().seal().problemWith(row.get().sourceText(), keys.trusted());
        if (problem.isPresent()) {
            throw new Libraries.Unavailable(problem.get().replaceFirst("^protocol ", "library "));
        }
        ProtocolRef ref = new ProtocolRef(id, version);
        ValueSetLibrary cached = libraries.get(ref);
        if (cached != null) {
            return Optional.of(cached);
        }
        CompileResult result = ProtocolCompiler.compile(id + "-v" + version + ".kap", row.get().sourceText());
        if (result.library() == null) {
            throw new Libraries.Unavailable(result.protocol() != null ? "its text is a protocol's, not a library's (its catalog row "
                    + "was changed)" : "its stored text no longer compiles to a library: " + result.errors());
        }
        return Optional.of(libraries.computeIfAbsent(ref, r -> result.library()));
    }

    @Override
    public String where() {
        return "no library of that id and version is published in this engine; publish it first (POST /api/v1/value-set-libraries)";
    }

    /** Only the text that was published is ever compiled and enforced. */
    private PublishedProtocol verified(PublishedProtocol row) {
        row.seal().problemWith(row.sourceText(), keys.trusted()).ifPresent(problem -> {
            throw new ProtocolIntegrityException(problem);
        });
        return row;
    }

    /** A published protocol or library version. */
    public Optional<PublishedProtocol> published(String protocolId, int version) {
        return jdbc.query("SELECT * FROM protocol_version WHERE protocol_id = ? AND version = ?", ROW, protocolId, version)
                .stream().findFirst();
    }

    public Optional<PublishedProtocol> publishedOfKind(String id, int version, String kind) {
        return published(id, version).filter(row -> row.kind().equals(kind));
    }

    /** Every published version, protocols and libraries. */
    public List<PublishedProtocol> all() {
        return jdbc.query("SELECT * FROM protocol_version ORDER BY protocol_id, version", ROW);
    }

    public List<PublishedProtocol> protocols() {
        return jdbc.query("SELECT * FROM protocol_version WHERE kind = ? ORDER BY protocol_id, version", ROW, ProtocolPublished.PROTOCOL);
    }

    public List<PublishedProtocol> libraries() {
        return jdbc.query("SELECT * FROM protocol_version WHERE kind = ? ORDER BY protocol_id, version", ROW, ProtocolPublished.LIBRARY);
    }

    /** The kind of text already published under an id, if any (one namespace: a library and a protocol never share an id). */
    public Optional<String> kindOf(String id) {
        return jdbc.queryForList("SELECT kind FROM published_id WHERE id = ?", String.class, id).stream().findFirst();
    }

    private Protocol compileUnpinned(PublishedProtocol row) {
        List<String> unavailable = new ArrayList<>();
        Libraries checked = new Libraries() {
            @Override
            public Optional<ValueSetLibrary> find(String id, int version) {
                try {
                    return JdbcProtocolCatalog.this.find(id, version);
                } catch (Libraries.Unavailable broken) {
                    unavailable.add("library " + id + " v" + version + ": " + broken.getMessage());
                    throw broken;
                }
            }

            @Override
            public String where() {
                return JdbcProtocolCatalog.this.where();
            }
        };
        CompileResult result = ProtocolCompiler.compile(row.protocolId() + "-v" + row.version() + ".kap", row.sourceText(), checked);
        if (!unavailable.isEmpty()) {
            // a library it imports was changed where it is stored: nothing is decided under the protocol
            throw new ProtocolIntegrityException("protocol " + row.protocolId() + " v" + row.version() + " imports "
                    + String.join("; ", unavailable));
        }
        if (result.library() != null) {
            // the sealed text is a library's: the row's kind was changed where it is stored
            throw new ProtocolIntegrityException("protocol " + row.protocolId() + " v" + row.version()
                    + ": its text is a library's, not a protocol's (its catalog row was changed)");
        }
        if (result.hasErrors() || result.protocol() == null) {
            // only checked text is ever published; a failure here means the language changed under it
            throw new IllegalStateException("published protocol " + row.protocolId() + " v" + row.version()
                    + " no longer compiles: " + result.errors());
        }
        return result.protocol();
    }

    /**
     * The version compiled as stored, held to the meaning pinned at its publication: when this engine's compiler makes
     * something else of the text, nothing is decided under it. A version not pinned yet (published before pinning) is
     * pinned at start, before any request (ProtocolMeaningBackfill); a pin removed since is a changed record.
     */
    private Protocol compile(PublishedProtocol row) {
        Protocol protocol = compileUnpinned(row);
        String name = "protocol " + row.protocolId() + " v" + row.version();
        if (row.meaning() == null || row.meaningSha256() == null) {
            throw new ProtocolIntegrityException(name + ": its pinned meaning is missing from the catalog");
        }
        if (!org.kap.core.audit.ChainHasher.sha256(row.meaning().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .equals(row.meaningSha256())) {
            throw new ProtocolIntegrityException(name + ": its pinned meaning is not the one recorded at publication");
        }
        ProtocolMeaning now = ProtocolMeaning.of(protocol);
        if (!now.sha256().equals(row.meaningSha256())) {
            ProtocolMeaning pinned;
            try {
                pinned = ProtocolMeaning.parse(row.meaning());
            } catch (IllegalArgumentException unreadable) {
                throw new ProtocolIntegrityException(name + ": its pinned meaning cannot be read (" + unreadable.getMessage() + ")");
            }
            throw new ProtocolMeaningChanged(name, now.since(pinned));
        }
        return protocol;
    }

    /** Pins the meaning of a version published before pinning: what this engine makes of its text, once. */
    void pin(PublishedProtocol row) {
        String meaning = ProtocolMeaning.of(compileUnpinned(verified(row))).canonical();
        jdbc.update("UPDATE protocol_version SET meaning = ?, meaning_sha256 = ? WHERE protocol_id = ? AND version = ? AND meaning IS NULL",
                meaning, org.kap.core.audit.ChainHasher.sha256(meaning.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                row.protocolId(), row.version());
    }
}
