package org.kap.dsl;

import org.kap.core.protocol.Protocol;

import java.util.List;
import java.util.Optional;

/** Every problem found, and the compiled protocol when there was no error. */
public record CompileResult(List<Diagnostic> diagnostics, Protocol protocol) {

    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    public Optional<Protocol> compiled() {
        return Optional.ofNullable(protocol);
    }
}
