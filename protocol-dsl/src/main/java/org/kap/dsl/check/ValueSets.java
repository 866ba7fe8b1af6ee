package org.kap.dsl.check;

import org.kap.core.terminology.CodeSystem;
import org.kap.core.terminology.Coding;
import org.kap.core.terminology.ValueSet;
import org.kap.dsl.ast.Ast;
import org.kap.dsl.ast.Ast.Pos;
import org.kap.dsl.ast.Ast.Word;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The protocol's value sets: each code spelt as its system spells codes, ranges that run upwards within one level of
 * a hierarchical system, no empty set, no name twice; and, as warnings, codes a set already holds through another
 * entry, and codes two sets share (a client with one matches both). A set no rule names is the protocol's declared
 * vocabulary all the same (the conditions it treats, say): its words are accepted and its codes known.
 */
final class ValueSets {

    private final Diagnostics diagnostics;
    private final Map<String, ValueSet> declared = new LinkedHashMap<>();
    private final Map<String, Pos> positions = new LinkedHashMap<>();

    ValueSets(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Keeps a set imported from a library (checked when the library was). Its codes are not weighed against the
     * protocol's own sets, or another library's, for overlaps: the library's checker weighed its sets against each
     * other only (docs/dsl.md says so).
     */
    void imported(ValueSet set, Word as) {
        if (positions.containsKey(set.name())) {
            diagnostics.error(as.pos(), "value set '" + set.name() + "' is imported twice (first at line "
                    + positions.get(set.name()).line() + ")");
            return;
        }
        positions.put(set.name(), as.pos());
        declared.put(set.name(), set);
    }

    /** Sets whose import failed (reported there): a rule naming one is not reported again. */
    private final Set<String> unresolved = new HashSet<>();

    void unresolved(Word as) {
        if (positions.putIfAbsent(as.text(), as.pos()) == null) {
            unresolved.add(as.text());
        }
    }

    /** Checks and keeps every declaration; a wrong one is reported and left out. */
    void declare(List<Ast.ValueSetDecl> declarations) {
        List<Located> everyCode = new ArrayList<>();
        for (Ast.ValueSetDecl d : declarations) {
            String name = d.name().text();
            ValueSet imported = declared.get(name);
            if (unresolved.contains(name)) {
                diagnostics.error(d.name().pos(), "value set '" + name + "' is also named in the import at line "
                        + positions.get(name).line() + "; give this one another name, or drop it from the import");
                continue;
            }
            if (imported != null && imported.library().isPresent()) {
                diagnostics.error(d.name().pos(), "value set '" + name + "' is imported from " + imported.library().get()
                        + " (line " + positions.get(name).line() + "); give this one another name, or drop the import");
                continue;
            }
            if (positions.containsKey(name)) {
                diagnostics.error(d.name().pos(), "value set '" + name + "' is declared twice (first at line "
                        + positions.get(name).line() + ")");
                continue;
            }
            positions.put(name, d.name().pos());
            if (!name.matches("[a-z][a-z0-9_]*")) {
                diagnostics.error(d.name().pos(), "a value set's name is lower snake case, e.g. psychotic_disorders; got '" + name + "'");
                continue;
            }
            int version = 1;
            if (d.version() != null) {
                if (d.version().value().stripTrailingZeros().scale() > 0 || d.version().value().signum() <= 0
                        || d.version().value().compareTo(java.math.BigDecimal.valueOf(1_000_000)) > 0) {
                    diagnostics.error(d.version().pos(), "a value set's version is a whole number from 1 to 1000000");
                    continue;
                }
                version = d.version().value().intValueExact();
            }
            if (d.words().isEmpty() && d.groups().isEmpty()) {
                diagnostics.error(d.name().pos(), "value set '" + name + "' is empty: give it words, codes or both");
                continue;
            }
            Optional<List<Located>> members = members(name, d.groups());
            Set<String> words = new HashSet<>();
            boolean ok = members.isPresent();
            for (Word w : d.words()) {
                if (!w.text().matches("[a-z][a-z0-9_]*")) {
                    diagnostics.error(w.pos(), "the protocol's words are lower snake case, e.g. schizophrenia; got '" + w.text() + "'");
                    ok = false;
                } else if (!words.add(w.text())) {
                    diagnostics.warning(w.pos(), "'" + w.text() + "' is already a word of " + name);
                }
            }
            if (!ok) {
                continue;
            }
            everyCode.addAll(members.get());
            declared.put(name, new ValueSet(name, version, words, members.get().stream().map(Located::member).toList(), d.cite()));
        }
        overlaps(everyCode);
    }

    /** The set a rule's list names, if {@code word} is a declared set's name. */
    Optional<ValueSet> named(String word) {
        return Optional.ofNullable(declared.get(word));
    }

    /** Whether a set of this name was declared, even one reported wrong (a rule naming it is not reported again). */
    boolean declaredName(String word) {
        return positions.containsKey(word);
    }

    Set<String> names() {
        return positions.keySet();
    }

    List<ValueSet> all() {
        return List.copyOf(declared.values());
    }

    /** An entry as written: where, in which set, and its place among all entries (earlier ones are reported against). */
    private record Located(ValueSet.Member member, Pos pos, String set, int order) {
    }

    private int entries;

    private Optional<List<Located>> members(String set, List<Ast.CodeGroup> groups) {
        List<Located> members = new ArrayList<>();
        boolean ok = true;
        for (Ast.CodeGroup group : groups) {
            Optional<CodeSystem> system = CodeSystem.byWord(group.system().text());
            if (system.isEmpty()) {
                diagnostics.error(group.system().pos(), Vocabulary.unknown("code system", group.system().text(),
                        Arrays.stream(CodeSystem.values()).map(CodeSystem::word).toList()));
                ok = false;
                continue;
            }
            for (Ast.CodeItem item : group.items()) {
                Optional<ValueSet.Member> member = member(system.get(), item);
                member.ifPresent(m -> members.add(new Located(m, item.from().pos(), set, entries++)));
                ok &= member.isPresent();
            }
        }
        return ok ? Optional.of(members) : Optional.empty();
    }

    private Optional<ValueSet.Member> member(CodeSystem system, Ast.CodeItem item) {
        String from = item.from().text();
        String to = item.to() == null ? null : item.to().text();
        // F20-F29 is one word to the lexer: a hyphen is never part of an ICD-10-CM or ATC code
        if (to == null && from.contains("-")) {
            String[] bounds = from.split("-", -1);
            if (bounds.length != 2) {
                diagnostics.error(item.from().pos(), "'" + from + "' is not a code or a range such as F20-F29");
                return Optional.empty();
            }
            from = bounds[0];
            to = bounds[1];
        }
        for (String code : to == null ? List.of(from) : List.of(from, to)) {
            if (!system.wellFormed(code)) {
                diagnostics.error(item.from().pos(), system.problemWith(code));
                return Optional.empty();
            }
        }
        if (to == null) {
            return Optional.of(new ValueSet.Member.Code(new Coding(system, from)));
        }
        try {
            return Optional.of(new ValueSet.Member.Range(system, from, to));
        } catch (IllegalArgumentException wrong) {
            diagnostics.error(item.from().pos(), wrong.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Warns of an entry another entry of its own set already covers (it says nothing: probably a slip), and of entries
     * of two sets that overlap (a client with such a code matches both sets' rules). Codes are looked up by their
     * prefixes, so that sets of thousands of codes are checked in linear time; ranges, which are few, against all.
     */
    private void overlaps(List<Located> everyCode) {
        Map<CodeSystem, Map<String, List<Located>>> codes = new java.util.EnumMap<>(CodeSystem.class);
        List<Located> ranges = new ArrayList<>();
        for (Located l : everyCode) {
            if (l.member() instanceof ValueSet.Member.Code c) {
                codes.computeIfAbsent(c.system(), s -> new java.util.HashMap<>()).computeIfAbsent(c.coding().code(),
                        k -> new ArrayList<>()).add(l);
            } else {
                ranges.add(l);
            }
        }
        Set<String> reported = new HashSet<>();
        for (Located x : everyCode) {
            List<Located> coverers = new ArrayList<>();
            Map<String, List<Located>> ofSystem = codes.getOrDefault(x.member().system(), Map.of());
            if (x.member() instanceof ValueSet.Member.Code c) {
                String code = c.coding().code();
                int shortest = c.system().hierarchical() ? 1 : code.length();
                for (int length = shortest; length <= code.length(); length++) {
                    coverers.addAll(ofSystem.getOrDefault(code.substring(0, length), List.of()));
                }
            } else {
                ofSystem.values().forEach(list -> list.stream().filter(l -> overlap(l.member(), x.member())).forEach(coverers::add));
            }
            ranges.stream().filter(r -> overlap(r.member(), x.member())).forEach(coverers::add);
            for (Located other : coverers) {
                if (other == x) {
                    continue;
                }
                if (other.set().equals(x.set())) {
                    // the covered entry says nothing; of two equal entries, the later one
                    boolean equal = covers(x.member(), other.member());
                    if (covers(other.member(), x.member()) && (!equal || other.order() < x.order())
                            && reported.add(x.order() + " " + x.set())) {
                        diagnostics.warning(x.pos(), x.member() + " is already in " + x.set() + " through " + other.member());
                    }
                } else {
                    // reported once, at the later of the two entries
                    Located later = other.order() > x.order() ? other : x;
                    Located earlier = later == x ? other : x;
                    if (reported.add(later.order() + " " + earlier.set())) {
                        diagnostics.warning(later.pos(), later.member() + " in " + later.set() + " overlaps " + earlier.member()
                                + " in " + earlier.set() + ": a client with such a code matches both");
                    }
                }
            }
        }
    }

    /** Whether every code {@code inner} stands for is one {@code outer} stands for. */
    static boolean covers(ValueSet.Member outer, ValueSet.Member inner) {
        if (outer.system() != inner.system()) {
            return false;
        }
        if (inner instanceof ValueSet.Member.Code c) {
            return outer.contains(c.coding());
        }
        ValueSet.Member.Range r = (ValueSet.Member.Range) inner;
        if (outer instanceof ValueSet.Member.Range o) {
            return o.from().length() <= r.from().length() && o.contains(new Coding(r.system(), r.from()))
                    && o.contains(new Coding(r.system(), r.to()));
        }
        String prefix = ((ValueSet.Member.Code) outer).coding().code();
        return r.from().startsWith(prefix) && r.to().startsWith(prefix);
    }

    /** Whether some code is in both entries: a prefix against a range, or two ranges, compared at their shorter length. */
    static boolean overlap(ValueSet.Member a, ValueSet.Member b) {
        if (a.system() != b.system()) {
            return false;
        }
        if (covers(a, b) || covers(b, a)) {
            return true;
        }
        if (a instanceof ValueSet.Member.Range ra && b instanceof ValueSet.Member.Range rb) {
            int length = Math.min(ra.from().length(), rb.from().length());
            return cut(ra.from(), length).compareTo(cut(rb.to(), length)) <= 0 && cut(rb.from(), length).compareTo(cut(ra.to(), length)) <= 0;
        }
        ValueSet.Member.Range range = (ValueSet.Member.Range) (a instanceof ValueSet.Member.Range ? a : b);
        String code = ((ValueSet.Member.Code) (a instanceof ValueSet.Member.Code ? a : b)).coding().code();
        // a code shorter than the range's bounds stands for codes some of which may lie in it (F32 against F31.9-F33.1)
        return code.length() < range.from().length() && cut(range.from(), code.length()).compareTo(code) <= 0
                && code.compareTo(cut(range.to(), code.length())) <= 0;
    }

    private static String cut(String code, int length) {
        return code.length() <= length ? code : code.substring(0, length);
    }
}
