package org.kap.core.adverse;

import org.kap.core.obligation.ObligationKind;
import org.kap.core.units.Units;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the engine does when a rule fires on clinical data (an adverse event, or a vital-sign
 * trigger). The course applies the resulting events in the same unit of work.
 */
public sealed interface TriggeredAction {

    /** Add this much to the minimum observation of the open session. */
    record ExtendObservation(Duration extra) implements TriggeredAction {
        public ExtendObservation {
            Objects.requireNonNull(extra, "extension");
        }

        @Override
        public String toString() {
            return "extend observation by " + Units.format(extra);
        }
    }

    /** No more doses (boosters) in the open session. */
    record StopSession() implements TriggeredAction {
        @Override
        public String toString() {
            return "stop the session";
        }
    }

    /** No dosing until a prescriber reviews the course. */
    record HaltCourse() implements TriggeredAction {
        @Override
        public String toString() {
            return "halt the course until review";
        }
    }

    /** Make something due within a time; optionally, dosing is blocked while it is overdue. */
    record CreateObligation(ObligationKind kind, Duration dueWithin, boolean blocksDosingWhenOverdue) implements TriggeredAction {
        public CreateObligation {
            Objects.requireNonNull(kind, "obligation");
            Objects.requireNonNull(dueWithin, "deadline");
        }

        @Override
        public String toString() {
            return "create " + kind.code() + " due within " + Units.format(dueWithin)
                    + (blocksDosingWhenOverdue ? ", blocking dosing when overdue" : "");
        }
    }

    /** Record an adverse event of this type, grade and seriousness (from a vital-sign trigger). */
    record RaiseAdverseEvent(AdverseEventType type, int grade, Set<Seriousness> seriousness) implements TriggeredAction {
        public RaiseAdverseEvent {
            Objects.requireNonNull(type, "type");
            seriousness = Set.copyOf(seriousness);
            if (grade < 1 || grade > 5) {
                throw new IllegalArgumentException("a CTCAE grade is 1 to 5; got " + grade);
            }
        }

        @Override
        public String toString() {
            return "record adverse event " + type.code() + " grade " + grade + (seriousness.isEmpty() ? "" : " serious " + seriousness);
        }
    }
}
