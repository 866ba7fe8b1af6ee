package org.kap.api.protocols;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.kap.core.protocol.Protocol;
import org.kap.dsl.CompileResult;
import org.kap.dsl.ProtocolCompiler;
import org.springframework.stereotype.Service;

import java.util.Locale;

/** Checks protocol text and publishes it as an immutable version. */
@Service
public class ProtocolPublisher {

    /** What publishing did: the check's findings, and whether this call published (false: identical text already was). */
    public record Outcome(CompileResult check, boolean published) {
        public Protocol protocol() {
            return check.protocol();
        }
    }

    private final CommandGateway commands;

    public ProtocolPublisher(CommandGateway commands) {
        this.commands = commands;
    }

    /** Nothing is published when the text has errors; the outcome then carries them all. */
    public Outcome publish(String fileName, String text, String publishedBy) {
        CompileResult check = ProtocolCompiler.compile(fileName, text);
        if (check.hasErrors()) {
            return new Outcome(check, false);
        }
        Protocol p = check.protocol();
        Boolean published = commands.sendAndWait(new PublishProtocol(
                PublishProtocol.publicationId(p.ref().id(), p.ref().version()), p.ref().id(), p.ref().version(),
                p.status().name().toLowerCase(Locale.ROOT), p.title(), text, p.sourceSha256(), publishedBy));
        return new Outcome(check, Boolean.TRUE.equals(published));
    }
}
