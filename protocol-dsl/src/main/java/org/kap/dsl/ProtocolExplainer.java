package org.kap.dsl;

import org.kap.core.dosing.RouteDosing;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Rule;
import org.kap.core.terminology.CodeSystem;
import org.kap.core.terminology.ValueSet;
import org.kap.core.terminology.ValueSetLibrary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the engine understood, as a table a protocol designer reads back against the text: every
 * rule's id, kind, parameters with units, enforcement and citation.
 */
public final class ProtocolExplainer {

    private ProtocolExplainer() {
    }

    public static String explain(Protocol p) {
        StringBuilder out = new StringBuilder();
        out.append("protocol    ").append(p.ref().id()).append(" version ").append(p.ref().version()).append('\n');
        out.append("title       ").append(p.title()).append('\n');
        out.append("status      ").append(p.status().name().toLowerCase(Locale.ROOT)).append('\n');
        out.append("indications ").append(p.indications().stream().map(Indication::code).sorted()
                .collect(Collectors.joining(", "))).append('\n');
        out.append("source      sha256 ").append(p.sourceSha256().isEmpty() ? "(built in Java)" : p.sourceSha256()).append('\n');
        // what the engine pins at publication and compares at every load (docs/dsl.md, "What a published version means")
        out.append("meaning     sha256 ").append(org.kap.core.protocol.ProtocolMeaning.of(p).sha256()).append("\n\n");

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"RULE", "SECTION", "KIND", "PARAMETERS", "ENFORCEMENT", "CITATION"});
        p.screening().forEach(r -> rows.add(row("screening", r)));
        for (RouteDosing d : p.dosing().values()) {
            d.rules().forEach(r -> rows.add(row("dosing " + d.route().code(), r)));
        }
        p.spacing().forEach(r -> rows.add(row("spacing", r)));
        p.sequencing().forEach(r -> rows.add(row("sequencing", r)));
        p.sessionStart().forEach(r -> rows.add(row("session", r)));
        p.vitalTriggers().forEach(r -> rows.add(row("vitals", r)));
        p.observation().forEach(r -> rows.add(row("observation", r)));
        p.discharge().forEach(r -> rows.add(row("discharge", r)));
        p.adverseEvents().forEach(r -> rows.add(row("adverse events", r)));
        p.obligations().forEach(r -> rows.add(row("obligations", r)));
        p.outcomes().forEach(r -> rows.add(row("outcomes", r)));

        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i < row.length - 1 ? pad(row[i], widths[i]) + "  " : row[i]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n').append(p.rules().size()).append(" rules\n");
        if (!p.valueSets().isEmpty()) {
            out.append('\n');
            valueSets(p.valueSets(), true, out);
        }
        return out.toString();
    }

    /** A library as {@code ./kap explain} prints it: its identity and its value sets. */
    public static String explain(ValueSetLibrary library) {
        StringBuilder out = new StringBuilder();
        out.append("library     ").append(library.id()).append(" version ").append(library.version()).append('\n');
        out.append("title       ").append(library.title()).append('\n');
        out.append("source      sha256 ").append(library.sourceSha256()).append("\n\n");
        valueSets(library.sets(), false, out);
        out.append('\n').append(library.sets().size()).append(library.sets().size() == 1 ? " value set\n" : " value sets\n");
        return out.toString();
    }

    /** Each set with its words, its codes per system and its source; an imported set says which library it came from. */
    private static void valueSets(List<ValueSet> sets, boolean showOrigin, StringBuilder out) {
        out.append("VALUE SET\n");
        for (ValueSet set : sets) {
            out.append(set.label()).append(set.library().filter(from -> showOrigin).map(from -> "  from " + from.label() + " (sha256 "
                    + from.sourceSha256().substring(0, Math.min(12, from.sourceSha256().length())) + "...)").orElse(""))
                    .append('\n');
            if (!set.words().isEmpty()) {
                out.append("  words      ").append(String.join(", ", set.words())).append('\n');
            }
            // each system's entries on one line, in the order written; a code stands for itself and what lies under it
            java.util.Map<CodeSystem, List<String>> bySystem = new java.util.EnumMap<>(CodeSystem.class);
            set.members().forEach(m -> bySystem.computeIfAbsent(m.system(), s -> new ArrayList<>()).add(m.toString()));
            bySystem.forEach((system, codes) -> out.append("  ").append(pad(system.label(), 10)).append(' ')
                    .append(String.join(", ", codes)).append(system.hierarchical() ? " (and the codes under each)" : "")
                    .append('\n'));
            if (set.cite() != null && !set.cite().isBlank()) {
                out.append("  source     ").append(set.cite()).append('\n');
            }
        }
    }

    private static String[] row(String section, Rule rule) {
        return new String[]{rule.info().id().value(), section, kind(rule), rule.describe(), rule.info().enforcement().toString(),
                rule.info().citation()};
    }

    /** {@code SessionMaximum} -> {@code session maximum}. */
    public static String kind(Rule rule) {
        if (rule instanceof org.kap.core.dosing.DoseRule.ForClients f) {
            return kind(f.rule()) + " for some clients";
        }
        if (rule instanceof org.kap.core.session.SessionStartRule.ForClients f) {
            return kind(f.rule()) + " for some clients";
        }
        return rule.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
