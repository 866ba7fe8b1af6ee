package org.kap.api.protocols;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolMeaning;
import org.kap.core.terminology.ValueSetLibrary;
import org.kap.dsl.CompileResult;
import org.kap.dsl.Diagnostic;
import org.kap.dsl.ProtocolCompiler;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks protocol text and publishes it as an immutable version; and libraries of value sets, which protocols import,
 * the same way. A protocol is checked against the libraries published in this engine.
 */
@Service
public class ProtocolPublisher {

    /** What publishing did: the check's findings, and whether this call published (false: identical text already was). */
    public record Outcome(CompileResult check, boolean published) {
        public Protocol protocol() {
            return check.protocol();
        }

        public ValueSetLibrary library() {
            return check.library();
        }
    }

    private final CommandGateway commands;
    private final JdbcProtocolCatalog catalog;

    public ProtocolPublisher(CommandGateway commands, JdbcProtocolCatalog catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    /**
     * Nothing is published when the text has errors, or is not of the kind asked for ({@code kind}: a protocol or a
     * library, or null for either); the outcome then carries them all.
     */
    public Outcome publish(String fileName, String text, String publishedBy, String kind) {
        return publish(fileName, text, publishedBy, kind, false);
    }

    /** {@code engineExample}: the engine publishes one of its own examples at start (active without a second signature). */
    Outcome publish(String fileName, String text, String publishedBy, String kind, boolean engineExample) {
        CompileResult check = ProtocolCompiler.compile(fileName, text, catalog);
        if (check.hasErrors()) {
            return new Outcome(check, false);
        }
        boolean library = check.library() != null;
        String id = library ? check.library().id() : check.protocol().ref().id();
        int version = library ? check.library().version() : check.protocol().ref().version();
        String is = library ? ProtocolPublished.LIBRARY : ProtocolPublished.PROTOCOL;
        if (kind != null && !kind.equals(is)) {
            return refused(fileName, check, library
                    ? "this is a library of value sets (it starts with 'library'); publish it at /api/v1/value-set-libraries"
                    : "this is a protocol (it starts with 'protocol'); publish it at /api/v1/protocols");
        }
        String taken = catalog.kindOf(id).orElse(is);
        if (!taken.equals(is)) {
            // one namespace: an import or a course never has to ask which of two "kap-terms" it names
            return refused(fileName, check, "'" + id + "' is already the id of a published " + taken + "; give this " + is
                    + " another id");
        }
        String status = library ? "active" : check.protocol().status().name().toLowerCase(Locale.ROOT);
        String title = library ? check.library().title() : check.protocol().title();
        String sha256 = library ? check.library().sourceSha256() : check.protocol().sourceSha256();
        // what the text means to this engine, pinned with it: a later engine that reads it otherwise will say so
        String meaning = library ? null : ProtocolMeaning.of(check.protocol()).canonical();
        java.util.Map<String, Object> metadata = new java.util.HashMap<>();
        org.kap.api.security.SignedActs.currentMethod()
                .ifPresent(method -> metadata.put(org.kap.api.security.SignedActs.SIGNATURE_METHOD, method));
        Boolean published = commands.sendAndWait(org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(
                new PublishProtocol(PublishProtocol.publicationId(id, version), id, version, status, title, text, sha256, publishedBy,
                        is, meaning, engineExample)).withMetaData(metadata));
        return new Outcome(check, Boolean.TRUE.equals(published));
    }

    private static Outcome refused(String fileName, CompileResult check, String reason) {
        List<Diagnostic> diagnostics = new ArrayList<>(check.diagnostics());
        diagnostics.add(0, new Diagnostic(fileName, 1, 1, Diagnostic.Severity.ERROR, reason));
        return new Outcome(new CompileResult(diagnostics, null, null), false);
    }
}
