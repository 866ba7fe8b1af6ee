package org.kap.core.dosing;

import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Dose;
import org.kap.core.units.Milligrams;
import org.kap.core.units.MilligramsPerKilogram;
import org.kap.core.units.MilligramsPerKilogramPerHour;
import org.kap.core.units.Units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A limit on the dose a prescriber may approve for one route. Each checks one request, purely. */
public sealed interface DoseRule extends Rule {

    /** Evidence of a violation, or empty when the request keeps to this rule. */
    Optional<Evidence> violation(DoseRequest request);

    default Optional<Finding> check(ProtocolRef protocol, DoseRequest request) {
        return violation(request).map(e -> info().fired(protocol, e));
    }

    /** A dose in the unit the rule was written in, so findings read like the protocol. */
    private static String inRuleUnit(Milligrams mg, Dose ruleUnit, DoseRequest request) {
        if (ruleUnit instanceof MilligramsPerKilogram) {
            return mg.per(request.weight()) + " (" + mg + " at " + request.weight() + " weighed "
                    + request.weighedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate() + ")";
        }
        return mg.toString();
    }

    /**
     * {@code first dose 28 mg when age >= 65 years}: a limit for the clients the condition holds for at the act, so one
     * protocol covers a label's variants (an older adults' dose set beside the usual one). For a client the condition
     * does not hold for, the rule is silent; when what it reads is not recorded (no age) and the limit would refuse, it
     * refuses, naming what is missing: whether the limit applies cannot be told.
     */
    record ForClients(org.kap.core.screening.ClientCondition when, DoseRule rule) implements DoseRule {
        public ForClients {
            Objects.requireNonNull(when, "condition");
            Objects.requireNonNull(rule, "rule");
            if (rule instanceof ForClients) {
                throw new IllegalArgumentException("a rule has one client condition");
            }
        }

        @Override
        public RuleInfo info() {
            return rule.info();
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            return new org.kap.core.screening.ClientGroup(when).refusal(rule.violation(request), request.client(), request.at());
        }

        @Override
        public String describe() {
            return rule.describe() + " when " + when;
        }
    }

    /** {@code doses 56 mg, 84 mg}: only these amounts may be approved. */
    record AllowedDoses(RuleInfo info, Set<Dose> doses) implements DoseRule {
        public AllowedDoses {
            Objects.requireNonNull(info, "rule");
            doses = Set.copyOf(doses);
            if (doses.isEmpty()) {
                throw new IllegalArgumentException("an allowed-dose rule needs at least one dose");
            }
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            Milligrams asked = request.requestedMg();
            boolean allowed = doses.stream().anyMatch(d -> d.inMilligrams(request.weight()).compareTo(asked) == 0);
            return allowed ? Optional.empty() : Optional.of(Evidence.of(request.requested(), "not in", listed()));
        }

        private String listed() {
            return doses.stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new)).toString();
        }

        @Override
        public String describe() {
            return "allowed doses " + listed();
        }
    }

    /** {@code first dose 56 mg}: the first dose by this route is exactly this. */
    record FirstDose(RuleInfo info, Dose dose) implements DoseRule {
        public FirstDose {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(dose, "first dose");
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            if (!request.firstDoseByRoute()) {
                return Optional.empty();
            }
            Milligrams asked = request.requestedMg();
            return asked.compareTo(dose.inMilligrams(request.weight())) == 0 ? Optional.empty()
                    : Optional.of(Evidence.of("first dose " + inRuleUnit(asked, dose, request), "!=", dose));
        }

        @Override
        public String describe() {
            return "first dose " + dose;
        }
    }

    /** {@code start at most 0.5 mg/kg}: the first dose by this route is no higher than this. */
    record StartDose(RuleInfo info, Dose maximum) implements DoseRule {
        public StartDose {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(maximum, "start dose");
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            if (!request.firstDoseByRoute()) {
                return Optional.empty();
            }
            Milligrams asked = request.requestedMg();
            return asked.compareTo(maximum.inMilligrams(request.weight())) <= 0 ? Optional.empty()
                    : Optional.of(Evidence.of("first dose " + inRuleUnit(asked, maximum, request), ">", maximum));
        }

        @Override
        public String describe() {
            return "start at most " + maximum;
        }
    }

    /**
     * {@code weight measured within 30 days}: an mg/kg dose is computed on a weight no older than this.
     * The finding names the weight and when it was taken, so the prescriber knows what to re-measure.
     */
    record WeightRecency(RuleInfo info, Duration maximumAge) implements DoseRule {
        public WeightRecency {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(maximumAge, "maximum age");
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            Duration age = Duration.between(request.weighedAt(), request.at());
            return age.compareTo(maximumAge) <= 0 ? Optional.empty()
                    : Optional.of(Evidence.of("weight " + request.weight() + " measured " + Units.format(
                            age.truncatedTo(java.time.temporal.ChronoUnit.HOURS)) + " before (on "
                            + request.weighedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate() + ")", ">", maximumAge));
        }

        @Override
        public String describe() {
            return "weight measured within " + Units.format(maximumAge);
        }
    }

    /** {@code max 1.5 mg/kg per session} or {@code max 100 mg per session}; boosters count toward it. */
    record SessionMaximum(RuleInfo info, Dose maximum) implements DoseRule {
        public SessionMaximum {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(maximum, "maximum");
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            Milligrams total = request.sessionTotal();
            return total.compareTo(maximum.inMilligrams(request.weight())) <= 0 ? Optional.empty()
                    : Optional.of(Evidence.of(inRuleUnit(total, maximum, request), ">", maximum));
        }

        @Override
        public String describe() {
            return "at most " + maximum + " per session, boosters included";
        }
    }

    /** {@code step at most 0.25 mg/kg}: an increase over the previous session's total is no larger. */
    record TitrationStep(RuleInfo info, Dose maximumIncrease) implements DoseRule {
        public TitrationStep {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(maximumIncrease, "step");
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            if (request.booster() || request.previousSessionDose() == null) {
                return Optional.empty();
            }
            BigDecimal increase = request.requestedMg().value().subtract(request.previousSessionDose().value());
            if (increase.compareTo(maximumIncrease.inMilligrams(request.weight()).value()) <= 0) {
                return Optional.empty();
            }
            return Optional.of(Evidence.of("increase " + inRuleUnit(new Milligrams(increase), maximumIncrease, request)
                    + " over " + request.previousSessionDose(), ">", maximumIncrease));
        }

        @Override
        public String describe() {
            return "increase per session at most " + maximumIncrease;
        }
    }

    /** {@code infusion over at least 40 min}. */
    record InfusionDuration(RuleInfo info, Duration minimum) implements DoseRule {
        public InfusionDuration {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(minimum, "minimum duration");
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            Duration planned = request.infusionDuration();
            if (planned == null) {
                return Optional.of(Evidence.of("infusion duration not given", "required", "at least " + Units.format(minimum)));
            }
            return planned.compareTo(minimum) >= 0 ? Optional.empty()
                    : Optional.of(Evidence.of("infusion over " + Units.format(planned), "<", minimum));
        }

        @Override
        public String describe() {
            return "infusion over at least " + Units.format(minimum);
        }
    }

    /** {@code infusion rate at most 1 mg/kg/h}. */
    record InfusionRate(RuleInfo info, MilligramsPerKilogramPerHour maximum) implements DoseRule {
        public InfusionRate {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(maximum, "maximum rate");
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            Duration planned = request.infusionDuration();
            if (planned == null || planned.isZero()) {
                return Optional.of(Evidence.of("infusion duration not given", "required", "rate at most " + maximum));
            }
            // mg / kg / hours, computed exactly enough to compare: both sides scaled to the same precision
            BigDecimal hours = BigDecimal.valueOf(planned.toSeconds()).divide(BigDecimal.valueOf(3600), MathContext.DECIMAL64);
            BigDecimal rate = request.requestedMg().value()
                    .divide(request.weight().value(), MathContext.DECIMAL64)
                    .divide(hours, MathContext.DECIMAL64);
            if (rate.compareTo(maximum.value()) <= 0) {
                return Optional.empty();
            }
            return Optional.of(Evidence.of(new MilligramsPerKilogramPerHour(rate.setScale(3, RoundingMode.HALF_UP)), ">", maximum));
        }

        @Override
        public String describe() {
            return "infusion rate at most " + maximum;
        }
    }

    /** {@code at most 300 mg per 7 days}: all doses given in the rolling period, this one included. */
    record CumulativeLimit(RuleInfo info, Dose maximum, Duration period) implements DoseRule {
        public CumulativeLimit {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(maximum, "maximum");
            Objects.requireNonNull(period, "period");
        }

        @Override
        public Optional<Evidence> violation(DoseRequest request) {
            Milligrams inPeriod = request.administered().stream()
                    .filter(a -> a.at().isAfter(request.at().minus(period)))
                    .map(Administration::amount)
                    .reduce(Milligrams.ZERO, Milligrams::plus)
                    .plus(request.requestedMg());
            return inPeriod.compareTo(maximum.inMilligrams(request.weight())) <= 0 ? Optional.empty()
                    : Optional.of(Evidence.of(inRuleUnit(inPeriod, maximum, request) + " in " + Units.format(period), ">", maximum));
        }

        @Override
        public String describe() {
            return "at most " + maximum + " per " + Units.format(period) + " (rolling)";
        }
    }
}
