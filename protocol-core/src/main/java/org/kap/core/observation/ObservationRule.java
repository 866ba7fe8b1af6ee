package org.kap.core.observation;

import org.kap.core.adverse.TriggeredAction;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.screening.ClientCondition;
import org.kap.core.screening.ClientProfile;
import org.kap.core.screening.Match;
import org.kap.core.units.Units;
import org.kap.core.vitals.VitalSign;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How long and how closely a dosed client is watched before discharge, and what follows when a session ends
 * otherwise. Each kind says, here beside its definition, what it finds at a discharge, how much it extends the
 * observation, and whether it acts on a session that ends otherwise; a new kind does not compile until it says all
 * three.
 */
public sealed interface ObservationRule extends Rule {

    /** What the rule finds when the client is to be discharged: a minimum not yet reached, a check not done. */
    Optional<Finding> atDischarge(ProtocolRef protocol, ObservedSession session);

    /** How much longer the rule makes a session's observation for a client known so at its start. */
    Duration extension(ClientProfile known, Instant sessionStart);

    /** What the rule does when a session ends in this disposition instead of a discharge: nothing, for most kinds. */
    List<TriggeredAction> onEnding(Disposition disposition);

    /**
     * {@code on transferred_to_emergency_care, admitted: halt course, create adverse_event_report due within 1 day}:
     * what the course does when a session ends in one of these dispositions instead of a discharge.
     */
    record EndedOtherwise(RuleInfo info, Set<Disposition> dispositions, List<TriggeredAction> actions)
            implements ObservationRule {
        public EndedOtherwise {
            Objects.requireNonNull(info, "rule");
            dispositions = Set.copyOf(dispositions);
            actions = List.copyOf(actions);
            if (dispositions.isEmpty() || actions.isEmpty()) {
                throw new IllegalArgumentException("a disposition rule names at least one disposition and one action");
            }
        }

        @Override
        public Optional<Finding> atDischarge(ProtocolRef protocol, ObservedSession session) {
            return Optional.empty(); // it concerns sessions that end without a discharge
        }

        @Override
        public Duration extension(ClientProfile known, Instant sessionStart) {
            return Duration.ZERO;
        }

        @Override
        public List<TriggeredAction> onEnding(Disposition disposition) {
            return dispositions.contains(disposition) ? actions : List.of();
        }

        @Override
        public String describe() {
            return "when a session ends " + dispositions.stream().map(Disposition::label).sorted()
                    .collect(Collectors.joining(" or ")) + ": " + actions.stream().map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
    }

    /** {@code at least 120 min after last_device}. */
    record ObservationMinimum(RuleInfo info, Anchor anchor, Duration minimum) implements ObservationRule {
        public ObservationMinimum {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(minimum, "minimum");
        }

        /** The minimum from its anchor, plus every extension in force, must have passed. */
        @Override
        public Optional<Finding> atDischarge(ProtocolRef protocol, ObservedSession session) {
            Duration extensions = session.extensions();
            Duration observed = Duration.between(session.anchor(anchor), session.at());
            if (observed.compareTo(minimum.plus(extensions)) >= 0) {
                return Optional.empty();
            }
            return Optional.of(info.fired(protocol, Evidence.of("observed " + Units.format(observed.truncatedTo(ChronoUnit.MINUTES))
                    + " after " + anchor.code(), "<", Units.format(minimum)
                    + (extensions.isZero() ? "" : " + " + Units.format(extensions) + " extension"))));
        }

        @Override
        public Duration extension(ClientProfile known, Instant sessionStart) {
            return Duration.ZERO;
        }

        @Override
        public List<TriggeredAction> onEnding(Disposition disposition) {
            return List.of();
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

        /** The vital signs on one reading in the window, and each score assessed in it. */
        @Override
        public Optional<Finding> atDischarge(ProtocolRef protocol, ObservedSession session) {
            Instant due = session.anchor(anchor).plus(offset);
            Instant from = due.minus(tolerance);
            Instant to = due.plus(tolerance);
            boolean vitals = signs.isEmpty() || session.readings().stream().anyMatch(r -> !r.measuredAt().isBefore(from)
                    && !r.measuredAt().isAfter(to) && r.measured().containsAll(signs));
            boolean assessed = scores.stream().allMatch(instrument -> session.assessed().getOrDefault(instrument, List.of())
                    .stream().anyMatch(t -> !t.isBefore(from) && !t.isAfter(to)));
            if (vitals && assessed) {
                return Optional.empty();
            }
            return Optional.of(info.fired(protocol, Evidence.of("no " + what().replace(", ", "+") + " reading between "
                    + Units.format(offset.minus(tolerance)) + " and " + Units.format(offset.plus(tolerance)) + " after "
                    + anchor.code(), "required", "check at " + Units.format(offset))));
        }

        @Override
        public Duration extension(ClientProfile known, Instant sessionStart) {
            return Duration.ZERO;
        }

        @Override
        public List<TriggeredAction> onEnding(Disposition disposition) {
            return List.of();
        }

        @Override
        public String describe() {
            return "check " + what() + " at " + Units.format(offset) + " +/- " + Units.format(tolerance) + " after " + anchor.code();
        }
    }

    /** {@code extend by 60 min when history in [child_pugh_b]}. */
    record ObservationExtension(RuleInfo info, ClientCondition when, Duration extra) implements ObservationRule {
        public ObservationExtension {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(when, "condition");
            Objects.requireNonNull(extra, "extension");
        }

        @Override
        public Optional<Finding> atDischarge(ProtocolRef protocol, ObservedSession session) {
            return Optional.empty(); // what it adds is in the session's extensions, which the minimum reads
        }

        /** A condition that cannot be told for a missing fact extends too: observing longer is the safe side. */
        @Override
        public Duration extension(ClientProfile known, Instant sessionStart) {
            return when.evaluate(known, sessionStart) instanceof Match.NotHolds ? Duration.ZERO : extra;
        }

        @Override
        public List<TriggeredAction> onEnding(Disposition disposition) {
            return List.of();
        }

        @Override
        public String describe() {
            return "extend observation by " + Units.format(extra) + " when " + when;
        }
    }
}
