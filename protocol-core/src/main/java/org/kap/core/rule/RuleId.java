package org.kap.core.rule;

import java.util.Objects;
import java.util.regex.Pattern;

/** A rule's stable identifier, e.g. {@code DOSE-IM-MAX}. It never changes between protocol versions of the same rule. */
public record RuleId(String value) implements Comparable<RuleId> {

    private static final Pattern FORM = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");

    public RuleId {
        Objects.requireNonNull(value, "rule id");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a rule id is upper case words joined by '-', e.g. DOSE-IM-MAX; got '" + value + "'");
        }
    }

    public static RuleId of(String value) {
        return new RuleId(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public int compareTo(RuleId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
