package org.kap.dsl.check;

import org.kap.dsl.Diagnostic;
import org.kap.dsl.ast.Ast.Pos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems in source order; the checker reports all of them, never only the first. */
public final class Diagnostics {

    private final String file;
    private final List<Diagnostic> found = new ArrayList<>();

    public Diagnostics(String file) {
        this.file = file;
    }

    public void error(Pos pos, String message) {
        found.add(new Diagnostic(file, pos.line(), pos.column(), Diagnostic.Severity.ERROR, message));
    }

    public void warning(Pos pos, String message) {
        found.add(new Diagnostic(file, pos.line(), pos.column(), Diagnostic.Severity.WARNING, message));
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> all() {
        return found.stream().sorted(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column)).toList();
    }
}
