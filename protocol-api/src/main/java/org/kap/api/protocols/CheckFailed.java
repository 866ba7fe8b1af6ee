package org.kap.api.protocols;

import org.kap.api.errors.Problems;
import org.kap.dsl.CompileResult;
import org.kap.dsl.Diagnostic;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.Locale;

/** The 422 answer to a published text that does not check: every finding with its line and column. */
final class CheckFailed {

    record CheckError(int line, int column, String severity, String message) {
        static CheckError of(Diagnostic d) {
            return new CheckError(d.line(), d.column(), d.severity().name().toLowerCase(Locale.ROOT), d.message());
        }
    }

    private CheckFailed() {
    }

    /** {@code what}: "protocol" or "library", naming the problem type ({@code protocol-check-failed}) and its title. */
    static ResponseEntity<ProblemDetail> answer(CompileResult check, String what) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, what + "-check-failed", "The " + what + " does not check",
                check.errors().size() + " error(s); fix them and publish again");
        p.setProperty("errors", check.diagnostics().stream().map(CheckError::of).toList());
        return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
