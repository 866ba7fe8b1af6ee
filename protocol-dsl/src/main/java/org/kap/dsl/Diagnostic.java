package org.kap.dsl;

import java.util.Locale;

/** One problem found in a protocol file, where it is, and what to write instead where that can be said. */
public record Diagnostic(String file, int line, int column, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message}, the form editors and CI logs understand. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + message;
    }
}
