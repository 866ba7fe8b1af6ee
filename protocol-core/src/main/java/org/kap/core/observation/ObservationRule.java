package org.kap.core.observation;

import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.screening.ClientCondition;
import org.kap.core.units.Units;
import org.kap.core.vitals.VitalSign;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** How long and how closely a dosed client is watched before discharge, and what follows when a session ends otherwise. */
public sealed interface ObservationRule extends Rule {

    /**
     * {@code on transferred_to_emergency_care, admitted: halt course, create adverse_event_report due within 1 day}:
     * what the course does when a session ends in one of these dispositions instead of a discharge.
     */
    record EndedOtherwise(RuleInfo info, Set<Disposition> dispositions, java.util.List<org.kap.core.adverse.TriggeredAction> actions)
            implements ObservationRule {
        public EndedOtherwise {
            Objects.requireNonNull(info, "rule");
            dispositions = Set.copyOf(dispositions);
            actions = java.util.List.copyOf(actions);
            if (dispositions.isEmpty() || actions.isEmpty()) {
                throw new IllegalArgumentException("a disposition rule names at least one disposition and one action");
            }
        }

        @Override
        public String describe() {
            return "when a session ends " + dispositions.stream().map(Disposition::label).sorted()
                    .collect(Collectors.joining(" or ")) + ": " + actions.stream().map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
    }

    /** {@code observe at least 120 min after last_device}. */
    record ObservationMinimum(RuleInfo info, Anchor anchor, Duration minimum) implements ObservationRule {
        public ObservationMinimum {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(minimum, "minimum");
        }

        @Override
        public String describe() {
            return "observe at least " + Units.format(minimum) + " after " + anchor.code() + ", plus extensions";
        }
    }

    /**
     * {@code check systolic, diastolic, moaas at 40 min +/- 10 min after dose_start}: a reading of the vital signs, and
     * an assessment of each score named, inside the window.
     */
    record ScheduledCheck(RuleInfo info, Set<VitalSign> signs, Set<org.kap.core.outcome.Instrument> scores, Anchor anchor,
                          Duration offset, Duration tolerance) implements ObservationRule {
        public ScheduledCheck {
            Objects.requireNonNull(info, "rule");
            signs = Set.copyOf(signs);
            scores = Set.copyOf(scores == null ? Set.of() : scores);
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(offset, "offset");
            tolerance = tolerance == null ? Duration.ZERO : tolerance;
            if (signs.isEmpty() && scores.isEmpty()) {
                throw new IllegalArgumentException("a scheduled check names at least one vital sign or score");
            }
        }

        /** A check of vital signs only. */
        public ScheduledCheck(RuleInfo info, Set<VitalSign> signs, Anchor anchor, Duration offset, Duration tolerance) {
            this(info, signs, Set.of(), anchor, offset, tolerance);
        }

        /** What the check takes, as written: {@code diastolic, moaas, systolic}. */
        public String what() {
            return java.util.stream.Stream.concat(signs.stream().map(VitalSign::label), scores.stream().map(org.kap.core.outcome.Instrument::code))
                    .sorted().collect(Collectors.joining(", "));
        }

        @Override
        public String describe() {
            return "check " + what() + " at " + Units.format(offset) + " +/- " + Units.format(tolerance) + " after " + anchor.code();
        }
    }

    /** {@code extend observation by 60 min when history in [child_pugh_b]}. */
    record ObservationExtension(RuleInfo info, ClientCondition when, Duration extra) implements ObservationRule {
        public ObservationExtension {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(when, "condition");
            Objects.requireNonNull(extra, "extension");
        }

        @Override
        public String describe() {
            return "extend observation by " + Units.format(extra) + " when " + when;
        }
    }
}
