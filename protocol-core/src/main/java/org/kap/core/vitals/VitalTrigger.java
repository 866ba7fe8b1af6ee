package org.kap.core.vitals;

import org.kap.core.adverse.TriggeredAction;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Units;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A rule that fires on in-session readings: {@code when spo2 < 93 % on 2 readings 5 min apart:
 * record adverse event respiratory_depression grade 3}. A trigger fires at most once per session.
 *
 * @param readings how many readings in a row must meet the condition (1 = this reading alone)
 * @param apart    the least time between the readings counted
 */
public record VitalTrigger(RuleInfo info, VitalCondition condition, int readings, Duration apart,
                           List<TriggeredAction> actions) implements Rule {

    public VitalTrigger {
        Objects.requireNonNull(info, "rule");
        Objects.requireNonNull(condition, "condition");
        apart = apart == null ? Duration.ZERO : apart;
        actions = List.copyOf(actions);
        if (readings < 1) {
            throw new IllegalArgumentException("a trigger needs at least 1 reading");
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a trigger needs at least one action");
        }
        if (condition instanceof VitalCondition.Score && readings > 1) {
            throw new IllegalArgumentException("a trigger on a score fires on one assessment; 'on N readings' is for vital signs");
        }
    }

    /**
     * Whether the newest of {@code sessionReadings} (oldest first) completes the condition: counting
     * back from it over readings that measured the sign, each counted reading at least {@code apart}
     * before the one after it, stopping at the first that does not meet the condition.
     */
    public Optional<Evidence> fires(List<VitalSigns> sessionReadings, VitalSigns baseline) {
        List<VitalSigns> measuring = sessionReadings.stream().filter(condition::measuredIn).toList();
        if (measuring.isEmpty()) {
            return Optional.empty();
        }
        VitalSigns newest = measuring.get(measuring.size() - 1);
        Optional<Evidence> newestMatch = condition.match(newest, baseline);
        if (newestMatch.isEmpty() || newest != sessionReadings.get(sessionReadings.size() - 1)) {
            return Optional.empty();
        }
        List<Instant> counted = new ArrayList<>(List.of(newest.measuredAt()));
        for (int i = measuring.size() - 2; i >= 0 && counted.size() < readings; i--) {
            VitalSigns earlier = measuring.get(i);
            if (condition.match(earlier, baseline).isEmpty()) {
                break;
            }
            Instant lastCounted = counted.get(counted.size() - 1);
            if (Duration.between(earlier.measuredAt(), lastCounted).compareTo(apart) >= 0) {
                counted.add(earlier.measuredAt());
            }
        }
        if (counted.size() < readings) {
            return Optional.empty();
        }
        Evidence e = newestMatch.get();
        return Optional.of(readings == 1 ? e
                : new Evidence(e.observed() + " on " + readings + " readings " + Units.format(apart) + " apart", e.relation(), e.limit()));
    }

    /** Evidence when a score assessed in the session completes a trigger over that instrument (one score suffices). */
    public Optional<Evidence> firesOnScore(org.kap.core.outcome.Instrument instrument, int score) {
        return condition instanceof VitalCondition.Score s ? s.matchScore(instrument, score) : Optional.empty();
    }

    @Override
    public String describe() {
        return "when " + condition + (readings > 1 ? " on " + readings + " readings " + Units.format(apart) + " apart" : "")
                + ": " + actions.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
