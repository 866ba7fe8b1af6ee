package org.kap.core.vitals;

import org.kap.core.rule.Evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a reading must show: one bound ({@code systolic <= 140 mmHg}), or bounds combined with {@code and} and
 * {@code or} ({@code systolic <= 140 mmHg and diastolic <= 90 mmHg}). When it does not hold, the evidence names the
 * parts that failed, each with the value the reading had: {@code systolic 150 mmHg fails systolic <= 140 mmHg}.
 */
public sealed interface VitalRequirement permits VitalBound, VitalRequirement.AllOf, VitalRequirement.AnyOf {

    /** Whether the reading satisfies it; empty when a sign it needs to decide was not measured. */
    Optional<Boolean> holdsFor(VitalSigns reading);

    /** The parts that fail on this reading (a bound not met, or not measured), as they are written. */
    List<VitalBound> failing(VitalSigns reading);

    /**
     * What a reading that does not satisfy it showed: each value a failing part read, once, against what failed (for
     * {@code and}, the parts that failed; for {@code or}, the whole, none of whose parts held), grouped as written.
     */
    default Evidence evidenceFailing(VitalSigns reading) {
        String observed = failing(reading).stream().map(b -> b.observed(reading)).distinct().collect(Collectors.joining(", "));
        String limit;
        long parts;
        if (this instanceof AllOf all) {
            List<VitalRequirement> failed = all.parts().stream().filter(p -> !p.holdsFor(reading).orElse(false)).toList();
            limit = failed.stream().map(p -> p instanceof AnyOf ? "(" + p + ")" : p.toString()).collect(Collectors.joining(" and "));
            parts = failed.size();
        } else {
            limit = toString();
            parts = this instanceof AnyOf any ? any.parts().size() : 1;
        }
        return new Evidence(observed, parts == 1 ? "fails" : "fail", limit);
    }

    /** Holds when every part holds; does not when some part does not; not known otherwise. */
    record AllOf(List<VitalRequirement> parts) implements VitalRequirement {
        public AllOf {
            parts = List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("'and' joins at least two requirements");
            }
        }

        @Override
        public Optional<Boolean> holdsFor(VitalSigns reading) {
            boolean unknown = false;
            for (VitalRequirement part : parts) {
                Optional<Boolean> holds = part.holdsFor(reading);
                if (holds.isPresent() && !holds.get()) {
                    return Optional.of(false);
                }
                unknown |= holds.isEmpty();
            }
            return unknown ? Optional.empty() : Optional.of(true);
        }

        @Override
        public List<VitalBound> failing(VitalSigns reading) {
            List<VitalBound> failing = new ArrayList<>();
            parts.stream().filter(p -> !p.holdsFor(reading).orElse(false)).forEach(p -> failing.addAll(p.failing(reading)));
            return failing;
        }

        @Override
        public String toString() {
            return parts.stream().map(p -> p instanceof AnyOf ? "(" + p + ")" : p.toString()).collect(Collectors.joining(" and "));
        }
    }

    /** Holds when any part holds; does not when none does and every part is known; not known otherwise. */
    record AnyOf(List<VitalRequirement> parts) implements VitalRequirement {
        public AnyOf {
            parts = List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("'or' joins at least two requirements");
            }
        }

        @Override
        public Optional<Boolean> holdsFor(VitalSigns reading) {
            boolean unknown = false;
            for (VitalRequirement part : parts) {
                Optional<Boolean> holds = part.holdsFor(reading);
                if (holds.isPresent() && holds.get()) {
                    return Optional.of(true);
                }
                unknown |= holds.isEmpty();
            }
            return unknown ? Optional.empty() : Optional.of(false);
        }

        @Override
        public List<VitalBound> failing(VitalSigns reading) {
            // none holds: each fails
            List<VitalBound> failing = new ArrayList<>();
            parts.forEach(p -> failing.addAll(p.failing(reading)));
            return failing;
        }

        @Override
        public String toString() {
            return parts.stream().map(p -> p instanceof AllOf ? "(" + p + ")" : p.toString()).collect(Collectors.joining(" or "));
        }
    }
}
