package org.kap.dsl;

import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventRule;
import org.kap.core.dosing.DoseRule;
import org.kap.core.obligation.ObligationRule;
import org.kap.core.observation.DischargeCriterion;
import org.kap.core.observation.ObservationRule;
import org.kap.core.outcome.OutcomeRule;
import org.kap.core.protocol.Protocol;
import org.kap.core.screening.ScreeningRule;
import org.kap.core.sequencing.SequencingRule;
import org.kap.core.session.SessionStartRule;
import org.kap.core.spacing.SpacingRule;
import org.kap.core.vitals.VitalTrigger;
import org.kap.dsl.conformance.ConformanceSuiteTest;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of rule the core can enforce is written somewhere a reader and the build both look: the language
 * reference's examples (the every-construct sample, compiled by DslReferenceExamplesTest), the conformance suite (run
 * against the aggregate), and the rule reference (docs/rules.md). A kind added to the core without its language, its
 * cases or its documentation fails here.
 */
class RuleKindCoverageTest {

    /** The rule families of the core: each kind of rule is one of these records, or a record they permit. */
    static final List<Class<?>> FAMILIES = List.of(ScreeningRule.class, DoseRule.class, SpacingRule.class, SequencingRule.class,
            SessionStartRule.class, VitalTrigger.class, ObservationRule.class, DischargeCriterion.class, AdverseEventRule.class,
            ObligationRule.class, OutcomeRule.class);

    /** Every concrete kind, through the sealed families. */
    static Set<Class<?>> kinds() {
        Set<Class<?>> kinds = new LinkedHashSet<>();
        FAMILIES.forEach(family -> collectKinds(family, kinds));
        return kinds;
    }

    private static void collectKinds(Class<?> type, Set<Class<?>> kinds) {
        if (type.isRecord()) {
            kinds.add(type);
            return;
        }
        assertThat(type.isSealed()).as(type + " is a sealed family, so that its kinds can be listed").isTrue();
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            collectKinds(permitted, kinds);
        }
    }

    /** The kinds a compiled protocol holds, wrapped ones (a limit for some clients, a combined criterion) included. */
    static Set<Class<?>> used(Protocol protocol, Set<Class<?>> kinds) {
        Set<Class<?>> used = new LinkedHashSet<>();
        protocol.rules().forEach(rule -> walk(rule, kinds, used));
        return used;
    }

    private static void walk(Object value, Set<Class<?>> kinds, Set<Class<?>> used) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> many) {
            many.forEach(v -> walk(v, kinds, used));
            return;
        }
        if (kinds.contains(value.getClass())) {
            used.add(value.getClass());
        }
        if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    walk(component.getAccessor().invoke(value), kinds, used);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static List<String> names(Collection<Class<?>> kinds) {
        return kinds.stream().map(k -> k.getName().replaceAll(".*\\.", "")).sorted().toList();
    }

    @Test
    void every_rule_kind_is_shown_by_the_language_reference() throws IOException {
        Set<Class<?>> kinds = kinds();
        assertThat(kinds).hasSizeGreaterThan(30);
        Set<Class<?>> shown = new LinkedHashSet<>();
        for (DslReferenceExamplesTest.Example e : DslReferenceExamplesTest.examples()) {
            CompileResult result = ProtocolCompiler.compile("dsl.md", DslReferenceExamplesTest.asProtocol(e.text()),
                    org.kap.dsl.cli.FileLibraries.in(Path.of("../protocols/libraries")));
            if (result.protocol() != null) {
                shown.addAll(used(result.protocol(), kinds));
            }
        }
        Set<Class<?>> missing = new LinkedHashSet<>(kinds);
        missing.removeAll(shown);
        assertThat(names(missing)).as("rule kinds no example of docs/dsl.md shows").isEmpty();
    }

    @Test
    void every_rule_kind_has_conformance_cases() throws IOException {
        Set<Class<?>> kinds = kinds();
        Set<Class<?>> covered = new LinkedHashSet<>();
        ConformanceSuiteTest.files().forEach(file -> covered.addAll(used(ConformanceSuiteTest.compile(ConformanceSuiteTest.read(file)), kinds)));
        Set<Class<?>> missing = new LinkedHashSet<>(kinds);
        missing.removeAll(covered);
        assertThat(names(missing)).as("rule kinds no conformance file compiles to").isEmpty();
    }

    @Test
    void every_rule_kind_is_in_the_rule_reference() throws IOException {
        String reference = Files.readString(Path.of("../docs/rules.md")).toLowerCase(Locale.ROOT);
        Set<String> missing = new TreeSet<>();
        for (Class<?> kind : kinds()) {
            // the kind as the explainer and the protocol detail name it: SessionMaximum is "session maximum"
            String words = kind.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            if (!reference.contains(words)) {
                missing.add(kind.getName().replaceAll(".*\\.", "") + " (\"" + words + "\")");
            }
        }
        assertThat(new ArrayList<>(missing)).as("rule kinds docs/rules.md does not name").isEmpty();
    }
}
