package org.kap.core.rule;

import java.util.Objects;

/**
 * How a rule acts when it fires: an absolute rule refuses and can never be overridden; a relative
 * rule refuses unless the named role has overridden it with a written justification; a warning
 * allows the act and says why a clinician should look twice.
 */
public sealed interface Enforcement {

    Absolute ABSOLUTE = new Absolute();
    Warning WARNING = new Warning();

    static Relative overridableBy(Role role) {
        return new Relative(role);
    }

    record Absolute() implements Enforcement {
        @Override
        public String toString() {
            return "absolute";
        }
    }

    record Relative(Role overridableBy) implements Enforcement {
        public Relative {
            Objects.requireNonNull(overridableBy, "a relative rule names the role that may override it");
        }

        @Override
        public String toString() {
            return "relative, overridable by " + overridableBy.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Warning() implements Enforcement {
        @Override
        public String toString() {
            return "warning";
        }
    }
}
