package org.kap.dsl.check;

import org.kap.core.terminology.ValueSetLibrary;
import org.kap.dsl.ast.Ast.ProtocolFile;
import org.kap.dsl.ast.Ast.Section;

import java.util.Optional;

/**
 * Checks a library of value sets ({@code library "kap-terms" version 1}, a title, then {@code value sets:}): an identity
 * like a protocol's, its sets checked as a protocol's are, and nothing else. A library has no status of its own and
 * imports nothing, so what a protocol imports from it is the text of one file.
 */
public final class LibraryChecker {

    private static final int MAX_ID = 100;
    private static final int MAX_TITLE = 500;

    private final Diagnostics diagnostics;
    private final Quantities quantities;
    private final ValueSets valueSets;

    public LibraryChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.quantities = new Quantities(diagnostics);
        this.valueSets = new ValueSets(diagnostics);
    }

    /** The compiled library, or empty when any error was found (all of them are in the diagnostics). */
    public Optional<ValueSetLibrary> check(ProtocolFile file, String sourceSha256) {
        boolean ok = true;
        if (file.id() == null || !file.id().matches("[a-z0-9][a-z0-9-]*") || file.id().length() > MAX_ID) {
            diagnostics.error(file.pos(), "a library's id is lower-case letters, digits and '-', at most " + MAX_ID
                    + " characters: library \"kap-terms\" version 1");
            ok = false;
        }
        Optional<Integer> version = Optional.empty();
        if (file.version() == null) {
            diagnostics.error(file.pos(), "a library has a version: library \"" + file.id() + "\" version 1");
        } else {
            version = quantities.whole(file.version(), 1, "the version");
        }
        if (file.title() != null && file.title().length() > MAX_TITLE) {
            diagnostics.error(file.pos(), "a title is at most " + MAX_TITLE + " characters; this one has " + file.title().length());
        }
        if (file.status() != null) {
            diagnostics.error(file.status().pos(), "a library has no status: it is published, and protocols import a version of it");
        }
        if (!file.indications().isEmpty()) {
            diagnostics.error(file.indications().get(0).pos(), "a library has no indications: they belong in a protocol");
        }
        file.imports().forEach(i -> diagnostics.error(i.pos(), "a library does not import another: a protocol imports each "
                + "library it needs"));
        for (Section section : file.sections()) {
            diagnostics.error(section.pos(), "a library holds value sets only; the " + section.kind().title()
                    + " section belongs in a protocol");
        }
        valueSets.declare(file.valueSets());
        file.valueSetSections().stream().skip(1).forEach(again -> diagnostics.error(again, "the value sets section appears "
                + "twice (first at line " + file.valueSetSections().get(0).line() + "); put its sets together"));
        if (file.valueSets().isEmpty()) {
            diagnostics.error(file.pos(), "the library has no value set; add: value sets: set NAME: ...");
        }
        if (!ok || version.isEmpty() || diagnostics.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new ValueSetLibrary(file.id(), version.get(), file.title(), sourceSha256, valueSets.all()));
    }
}
