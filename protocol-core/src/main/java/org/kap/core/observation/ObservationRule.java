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

    /** {@code check systolic, diastolic at 40 min after dose_start within 10 min}. */
    record ScheduledCheck(RuleInfo info, Set<VitalSign> signs, Anchor anchor, Duration offset, Duration tolerance)
            implements ObservationRule {
        public ScheduledCheck {
            Objects.requireNonNull(info, "rule");
            signs = Set.copyOf(signs);
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(offset, "offset");
            tolerance = tolerance == null ? Duration.ZERO : tolerance;
            if (signs.isEmpty()) {
                throw new IllegalArgumentException("a scheduled check names at least one vital sign");
            }
        }

        @Override
        public String describe() {
            return "check " + signs.stream().map(VitalSign::label).sorted().collect(Collectors.joining(", "))
                    + " at " + Units.format(offset) + " +/- " + Units.format(tolerance) + " after " + anchor.code();
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
