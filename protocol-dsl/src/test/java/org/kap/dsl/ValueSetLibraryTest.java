package org.kap.dsl;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kap.core.course.ScreeningDecision;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Finding;
import org.kap.core.terminology.CodeSystem;
import org.kap.core.terminology.Coding;
import org.kap.core.terminology.ValueSetLibrary;
import org.kap.core.testing.Journey;
import org.kap.dsl.Diagnostic.Severity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.units.Units.kg;

/**
 * Libraries of value sets, which protocols import by name and version: a library compiles on its own, a protocol's
 * rules look in the imported sets as in their own, and every way an import can be wrong is an error at its place.
 */
class ValueSetLibraryTest {

    private static final String LIBRARY = """
            library "kap-terms" version 1
            title "Terms the clinic's protocols share"
            value sets:
              set psychotic_disorders:
                words schizophrenia
                icd-10-cm F20-F29
                cite "ICD-10-CM FY2025, block F20-F29"
              set manic_episodes:
                words mania
                icd-10-cm F30
                cite "ICD-10-CM FY2025, F30"
            """;

    private static final String PROTOCOL = """
            protocol "t" version 1
            status draft
            import psychotic_disorders from "kap-terms" version 1
            screening:
              rule CI-PSYCHOSIS absolute: exclude when diagnosis in psychotic_disorders message "m" cite "c"
            dosing route IM:
              rule DOSE-IM-MAX: max 1 mg/kg per session message "m" cite "c"
            observation:
              rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
            """;

    /** The libraries of the test: the one above, as published. */
    private static final Libraries PUBLISHED = new Libraries() {
        @Override
        public Optional<ValueSetLibrary> find(String id, int version) {
            CompileResult library = ProtocolCompiler.compile("kap-terms.kap", LIBRARY);
            return id.equals("kap-terms") && version == 1 ? Optional.of(library.library()) : Optional.empty();
        }

        @Override
        public String where() {
            return "the test's libraries";
        }
    };

    private static CompileResult compile(String text) {
        return ProtocolCompiler.compile("t.kap", text, PUBLISHED);
    }

    private static Diagnostic onlyError(CompileResult result) {
        assertThat(result.errors()).as(result.diagnostics().toString()).hasSize(1);
        return result.errors().get(0);
    }

    @Test
    void a_library_compiles_to_its_sets_each_knowing_where_it_comes_from() {
        CompileResult result = ProtocolCompiler.compile("kap-terms.kap", LIBRARY);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.protocol()).as("a library is not a protocol").isNull();
        ValueSetLibrary library = result.library();
        assertThat(library.ref().label()).isEqualTo("kap-terms v1");
        assertThat(library.sourceSha256()).isEqualTo(ProtocolCompiler.sha256(LIBRARY));
        assertThat(library.sets()).extracting(s -> s.library().orElseThrow()).containsOnly(library.ref());
    }

    @Test
    void a_protocol_looks_in_an_imported_set_as_in_its_own_and_names_the_library_it_came_from() {
        CompileResult result = compile(PROTOCOL);
        assertThat(result.errors()).isEmpty();
        Protocol protocol = result.protocol();
        assertThat(protocol.imports()).extracting(ValueSetLibrary.Ref::label, ValueSetLibrary.Ref::sourceSha256)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kap-terms v1", ProtocolCompiler.sha256(LIBRARY)));
        assertThat(protocol.valueSets()).extracting(s -> s.label()).as("only the sets named are imported")
                .containsExactly("psychotic_disorders v1");
        List<Finding> findings = ScreeningDecision.findings(protocol, Indication.DEPRESSION,
                Journey.profile(35, kg(70), Set.of(new Coding(CodeSystem.ICD_10_CM, "F20.9").token()), Set.of(), Set.of(),
                        List.of(), false, Map.of()), Journey.START);
        assertThat(findings).filteredOn(Finding::refuses).extracting(Finding::toString)
                .containsExactly("CI-PSYCHOSIS: diagnosis F20.9 (ICD-10-CM) in psychotic_disorders v1");
    }

    @Test
    void explain_says_which_library_a_set_comes_from() {
        assertThat(ProtocolExplainer.explain(compile(PROTOCOL).protocol()))
                .contains("psychotic_disorders v1", "from kap-terms v1 (sha256 " + ProtocolCompiler.sha256(LIBRARY).substring(0, 12));
    }

    @Nested
    class Errors {

        @Test
        void a_library_that_is_not_found_is_named_with_where_it_was_looked_for() {
            Diagnostic d = onlyError(compile(PROTOCOL.replace("version 1\nscreening", "version 2\nscreening")));
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).isEqualTo("library \"kap-terms\" version 2 is not found (the test's libraries)");
        }

        @Test
        void without_libraries_an_import_does_not_compile() {
            CompileResult result = ProtocolCompiler.compile("t.kap", PROTOCOL);
            assertThat(result.errors()).extracting(Diagnostic::message)
                    .contains("library \"kap-terms\" version 1 is not found (no libraries were given to the checker)");
        }

        @Test
        void a_set_the_library_does_not_hold_is_named_with_the_nearest() {
            Diagnostic d = onlyError(compile(PROTOCOL.replace("import psychotic_disorders from", "import psychotic_disorders, manic_episode from")));
            assertThat(List.of(d.line(), d.column())).containsExactly(3, 29);
            assertThat(d.message()).startsWith("unknown value set of kap-terms v1 'manic_episode' (did you mean 'manic_episodes'?)");
        }

        @Test
        void a_set_imported_and_declared_is_an_error_at_the_declaration() {
            Diagnostic d = onlyError(compile(PROTOCOL + """
                    value sets:
                      set psychotic_disorders: words psychosis cite "c"
                    """));
            assertThat(d.line()).isEqualTo(11);
            assertThat(d.message()).isEqualTo("value set 'psychotic_disorders' is imported from kap-terms v1 (line 3); give this "
                    + "one another name, or drop the import");
        }

        @Test
        void a_set_imported_twice_is_an_error_at_the_second() {
            Diagnostic d = onlyError(compile(PROTOCOL.replace("import psychotic_disorders from \"kap-terms\" version 1",
                    "import psychotic_disorders from \"kap-terms\" version 1\nimport psychotic_disorders from \"kap-terms\" version 1")));
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.message()).isEqualTo("value set 'psychotic_disorders' is imported twice (first at line 3)");
        }

        @Test
        void a_library_that_may_not_be_used_says_why() {
            Libraries tampered = new Libraries() {
                @Override
                public Optional<ValueSetLibrary> find(String id, int version) {
                    throw new Libraries.Unavailable("its text is not the text that was published");
                }

                @Override
                public String where() {
                    return "nowhere";
                }
            };
            Diagnostic d = onlyError(ProtocolCompiler.compile("t.kap", PROTOCOL, tampered));
            assertThat(d.message()).isEqualTo("library \"kap-terms\" version 1 cannot be used: its text is not the text that was published");
        }

        @Test
        void a_library_holds_value_sets_only() {
            CompileResult result = ProtocolCompiler.compile("lib.kap", LIBRARY.replace("title", "status active\ntitle") + """
                    spacing:
                      rule SPACING-INTERVAL: interval at least 3 days message "m" cite "c"
                    """);
            assertThat(result.library()).isNull();
            assertThat(result.errors()).extracting(Diagnostic::line, Diagnostic::message).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(2, "a library has no status: it is published, and protocols import a version of it"),
                    org.assertj.core.groups.Tuple.tuple(13, "a library holds value sets only; the spacing section belongs in a protocol"));
        }

        @Test
        void a_library_imports_nothing_and_is_not_empty() {
            CompileResult result = ProtocolCompiler.compile("lib.kap", """
                    library "kap-more" version 1
                    import psychotic_disorders from "kap-terms" version 1
                    """);
            assertThat(result.errors()).extracting(Diagnostic::line, Diagnostic::message).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(2, "a library does not import another: a protocol imports each library it needs"),
                    org.assertj.core.groups.Tuple.tuple(1, "the library has no value set; add: value sets: set NAME: ..."));
            assertThat(result.errors()).allMatch(e -> e.severity() == Severity.ERROR);
        }
    }
}
