package org.kap.dsl;

import org.kap.core.protocol.Protocol;
import org.kap.core.terminology.ValueSetLibrary;

import java.util.List;
import java.util.Optional;

/**
 * Every problem found, and what the text compiled to when there was no error: a protocol, or for a file that starts
 * with {@code library}, a library of value sets (the other is null).
 */
public record CompileResult(List<Diagnostic> diagnostics, Protocol protocol, ValueSetLibrary library) {

    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public CompileResult(List<Diagnostic> diagnostics, Protocol protocol) {
        this(diagnostics, protocol, null);
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
