package org.kap.core.protocol;

import org.kap.core.rule.Rule;
import org.kap.core.terminology.ValueSet;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a compiled protocol means, written out in one canonical text: one entry per rule (by its id), per value set
 * (by its name) and for the header, each the rule's kind and every parameter it holds, in a fixed order. Two compiled
 * versions mean the same exactly when their canonical texts are equal; the entries that differ are the rules that
 * changed. The engine keeps the canonical text of every published version and compares it with what today's compiler
 * makes of the text, so a change of the compiler cannot silently change what "kap-im version 1" decides; and the
 * entries are what a semantic diff between two versions compares.
 *
 * <p>The form is built from the model's records, component by component; sets are written sorted. A type the writer
 * does not know is an error, never skipped: a new kind of parameter must say how it is written before any protocol
 * using it can be published.
 */
public final class ProtocolMeaning {

    /** Names the form, so that a later form is never compared with this one as if it were the same. */
    public static final String FORM = "kap-meaning-v1";

    /** How two versions differ in one entry: {@code before} null when added, {@code after} null when removed. */
    public record Difference(String entry, String before, String after) {
        public String change() {
            return before == null ? "added" : after == null ? "removed" : "changed";
        }
    }

    private final Map<String, String> entries;

    private ProtocolMeaning(Map<String, String> entries) {
        this.entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /** The meaning of a compiled protocol. */
    public static ProtocolMeaning of(Protocol protocol) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("header", "status=" + protocol.status() + ", title=" + quote(protocol.title()) + ", indications="
                + write(protocol.indications()));
        for (Rule rule : protocol.rules()) {
            entries.put("rule " + rule.info().id().value(), write(rule));
        }
        for (ValueSet set : protocol.valueSets()) {
            entries.put("value set " + set.name(), writeSet(set));
        }
        return new ProtocolMeaning(entries);
    }

    /** Reads a canonical text back (as stored with a published version). */
    public static ProtocolMeaning parse(String canonical) {
        Map<String, String> entries = new LinkedHashMap<>();
        List<String> lines = canonical.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(FORM)) {
            throw new IllegalArgumentException("not a protocol meaning of form " + FORM);
        }
        for (String line : lines.subList(1, lines.size())) {
            int at = line.indexOf(" = ");
            if (at < 0) {
                throw new IllegalArgumentException("not an entry of a protocol meaning: " + line);
            }
            entries.put(line.substring(0, at), line.substring(at + 3));
        }
        return new ProtocolMeaning(entries);
    }

    /** Entry by entry, in the order of their names. */
    public Map<String, String> entries() {
        return entries;
    }

    /** The form's name, then one line per entry: {@code rule DOSE-IM-MAX = DoseRule.SessionMaximum(...)}. */
    public String canonical() {
        StringBuilder out = new StringBuilder(FORM).append('\n');
        entries.forEach((name, value) -> out.append(name).append(" = ").append(value).append('\n'));
        return out.toString();
    }

    /** SHA-256 of the canonical text (UTF-8), lower-case hex. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The entries that differ from {@code earlier}, by name: what changed from it to this. */
    public List<Difference> since(ProtocolMeaning earlier) {
        Set<String> names = new TreeSet<>(entries.keySet());
        names.addAll(earlier.entries.keySet());
        List<Difference> differences = new ArrayList<>();
        for (String name : names) {
            String before = earlier.entries.get(name);
            String after = entries.get(name);
            if (!Objects.equals(before, after)) {
                differences.add(new Difference(name, before, after));
            }
        }
        return differences;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProtocolMeaning m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    // ---- the canonical writer ------------------------------------------------------------------

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append(quote(s));
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            // 1.50 and 1.5 are the same limit
            out.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
        } else if (value instanceof Duration d) {
            out.append(d);
        } else if (value instanceof Enum<?> e) {
            out.append(e.name());
        } else if (value instanceof ValueSet set) {
            // a rule names the set; what the set holds is the set's own entry, so a changed set is one difference
            out.append("ValueSet(").append(quote(set.label())).append(')');
        } else {
            writeObject(value, out);
        }
    }

    /** A value set's own entry: the one model type that is not a record, written by what defines it, not its index. */
    private static String writeSet(ValueSet set) {
        StringBuilder out = new StringBuilder();
        out.append("ValueSet(name=").append(quote(set.name())).append(", version=").append(set.version())
                .append(", words=");
        write(set.words(), out);
        out.append(", members=");
        write(set.members(), out);
        out.append(", cite=");
        write(set.cite(), out);
        out.append(", library=");
        write(set.library().orElse(null), out);
        return out.append(')').toString();
    }

    private static void writeObject(Object value, StringBuilder out) {
        if (value instanceof Set<?> set) {
            // a set has no order: its members sorted by their canonical text
            List<String> members = new ArrayList<>();
            set.forEach(member -> members.add(write(member)));
            out.append('{').append(String.join(", ", new TreeSet<>(members))).append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object member : list) {
                out.append(first ? "" : ", ");
                write(member, out);
                first = false;
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(write(k), write(v)));
            out.append('{');
            boolean first = true;
            for (var e : sorted.entrySet()) {
                out.append(first ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue());
                first = false;
            }
            out.append('}');
        } else if (value.getClass().isRecord()) {
            out.append(typeName(value.getClass())).append('(');
            boolean first = true;
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                out.append(first ? "" : ", ").append(component.getName()).append('=');
                try {
                    write(component.getAccessor().invoke(value), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component + " of " + value.getClass(), e);
                }
                first = false;
            }
            out.append(')');
        } else {
            throw new IllegalArgumentException("no canonical form for " + value.getClass().getName()
                    + ": say how it is written in ProtocolMeaning before a protocol may hold one");
        }
    }

    /** {@code DoseRule.SessionMaximum}: the simple names of the type and the types it is nested in. */
    private static String typeName(Class<?> type) {
        String name = type.getSimpleName();
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name = outer.getSimpleName() + "." + name;
        }
        return name;
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }
}
