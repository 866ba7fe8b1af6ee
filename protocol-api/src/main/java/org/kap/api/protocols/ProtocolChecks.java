package org.kap.api.protocols;

import org.kap.dsl.CompileResult;
import org.kap.dsl.ProtocolCompiler;
import org.kap.dsl.ProtocolExplainer;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Locale;

/**
 * Checks protocol text the way publishing does (the same compiler, the same published value-set libraries) and
 * publishes nothing: the workbench and {@code ./kap check --server} see what a publication of the text would answer.
 */
@Service
public class ProtocolChecks {

    /** One finding of the checker at its line and column (1-based). */
    public record Finding(int line, int column, String severity, String message) {
    }

    /**
     * The check of a text: {@code ok} when it has no error; its id and version when its header could be read; the rules
     * explained in words and what it changes against the newest published version, when it compiles.
     */
    public record Report(boolean ok, String protocolId, Integer version, List<Finding> findings, String explained,
                         ProtocolDiffs.DraftDiff changes) {
    }

    private final JdbcProtocolCatalog catalog;
    private final ProtocolDiffs diffs;

    ProtocolChecks(JdbcProtocolCatalog catalog, ProtocolDiffs diffs) {
        this.catalog = catalog;
        this.diffs = diffs;
    }

    /** The text compiled as publishing would, when it checks without error. */
    public java.util.Optional<org.kap.core.protocol.Protocol> compiled(String text) {
        CompileResult result = ProtocolCompiler.compile("draft.kap", text, catalog);
        return result.hasErrors() ? java.util.Optional.empty() : result.compiled();
    }

    public Report check(String text) {
        CompileResult result = ProtocolCompiler.compile("draft.kap", text, catalog);
        List<Finding> findings = result.diagnostics().stream().map(d -> new Finding(d.line(), d.column(),
                d.severity().name().toLowerCase(Locale.ROOT), d.message())).toList();
        var header = ProtocolCompiler.header(text).filter(h -> !h.library());
        return result.compiled().map(protocol -> new Report(!result.hasErrors(), protocol.ref().id(), protocol.ref().version(),
                        findings, ProtocolExplainer.explain(protocol), diffs.againstNewest(protocol).orElse(null)))
                .orElseGet(() -> new Report(false, header.map(ProtocolCompiler.Header::id).orElse(null),
                        header.map(ProtocolCompiler.Header::version).orElse(null), findings, null, null));
    }
}
