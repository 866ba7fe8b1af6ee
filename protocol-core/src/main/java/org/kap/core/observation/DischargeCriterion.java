package org.kap.core.observation;

import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Comparison;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Percent;
import org.kap.core.units.Quantity;
import org.kap.core.vitals.VitalBound;
import org.kap.core.vitals.VitalSign;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/** What must hold for a client to leave after a session. */
public sealed interface DischargeCriterion extends Rule {

    Optional<Evidence> violation(DischargeFacts facts);

    default Optional<Finding> check(ProtocolRef protocol, DischargeFacts facts) {
        return violation(facts).map(e -> info().fired(protocol, e));
    }

    /** {@code when systolic < 160 mmHg}, on the latest reading. */
    record DischargeVital(RuleInfo info, VitalBound required) implements DischargeCriterion {
        public DischargeVital {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(required, "bound");
        }

        @Override
        public Optional<Evidence> violation(DischargeFacts facts) {
            if (facts.latest() == null) {
                return Optional.of(Evidence.of("no vitals after the dose", "required", required));
            }
            return required.holdsFor(facts.latest()).orElse(false) ? Optional.empty()
                    : Optional.of(required.evidenceFailing(facts.latest()));
        }

        @Override
        public String describe() {
            return "discharge when " + required;
        }
    }

    /** {@code when systolic within 20 % of baseline}. */
    record DischargeNearBaseline(RuleInfo info, VitalSign sign, Percent within) implements DischargeCriterion {
        public DischargeNearBaseline {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(sign, "sign");
            Objects.requireNonNull(within, "tolerance");
        }

        @Override
        public Optional<Evidence> violation(DischargeFacts facts) {
            Optional<Quantity> now = facts.latest() == null ? Optional.empty() : facts.latest().get(sign);
            Optional<Quantity> before = facts.baseline() == null ? Optional.empty() : facts.baseline().get(sign);
            if (now.isEmpty() || before.isEmpty() || before.get().value().signum() == 0) {
                return Optional.of(Evidence.of(sign.label() + " and its baseline not both measured", "required",
                        "within " + within + " of baseline"));
            }
            BigDecimal change = now.get().value().subtract(before.get().value()).abs()
                    .multiply(BigDecimal.valueOf(100)).divide(before.get().value(), MathContext.DECIMAL64);
            return change.compareTo(within.value()) <= 0 ? Optional.empty()
                    : Optional.of(Evidence.of(sign.label() + " " + Quantity.format(now.get()) + " differs "
                    + change.setScale(1, RoundingMode.HALF_UP).toPlainString() + " % from baseline "
                    + Quantity.format(before.get()), ">", within));
        }

        @Override
        public String describe() {
            return "discharge when " + sign.label() + " within " + within + " of baseline";
        }
    }

    /** {@code when moaas >= 5} or {@code padss >= 9}. */
    record DischargeScore(RuleInfo info, Instrument instrument, Comparison comparison, int value) implements DischargeCriterion {
        public DischargeScore {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(comparison, "comparison");
        }

        @Override
        public Optional<Evidence> violation(DischargeFacts facts) {
            Integer score = facts.scores().get(instrument);
            if (score == null) {
                return Optional.of(Evidence.of(instrument.label() + " not scored", "required",
                        instrument.label() + " " + comparison.symbol() + " " + value));
            }
            return comparison.holds(Integer.compare(score, value)) ? Optional.empty()
                    : Optional.of(Evidence.of(instrument.label() + " " + score, comparison.negated().symbol(), value));
        }

        @Override
        public String describe() {
            return "discharge when " + instrument.label() + " " + comparison.symbol() + " " + value;
        }
    }

    /** {@code escort required}: a responsible adult accompanies the client. */
    record EscortRequired(RuleInfo info) implements DischargeCriterion {
        public EscortRequired {
            Objects.requireNonNull(info, "rule");
        }

        @Override
        public Optional<Evidence> violation(DischargeFacts facts) {
            return facts.escortPresent() ? Optional.empty() : Optional.of(Evidence.of("no escort", "required", "escort present"));
        }

        @Override
        public String describe() {
            return "discharge only to a responsible adult escort";
        }
    }

    /** {@code no driving}: transport is recorded and is not the client driving. */
    record NoSelfDriving(RuleInfo info) implements DischargeCriterion {
        public NoSelfDriving {
            Objects.requireNonNull(info, "rule");
        }

        @Override
        public Optional<Evidence> violation(DischargeFacts facts) {
            if (facts.transport() == null) {
                return Optional.of(Evidence.of("transport not recorded", "required", "transport other than self_driving"));
            }
            return facts.transport() == Transport.SELF_DRIVING
                    ? Optional.of(Evidence.of("transport self_driving", "=", "not allowed"))
                    : Optional.empty();
        }

        @Override
        public String describe() {
            return "discharge only with transport other than driving oneself";
        }
    }

    /**
     * {@code when moaas >= 5 and padss >= 9}: every part holds; a refusal names each part that failed with
     * the value it saw.
     */
    record AllOf(RuleInfo info, java.util.List<DischargeCriterion> parts) implements DischargeCriterion {
        public AllOf {
            Objects.requireNonNull(info, "rule");
            parts = java.util.List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("'and' joins at least two discharge conditions");
            }
        }

        @Override
        public Optional<Evidence> violation(DischargeFacts facts) {
            java.util.List<String> failing = new java.util.ArrayList<>();
            for (DischargeCriterion part : parts) {
                part.violation(facts).ifPresent(e -> failing.add(partText(part, e)));
            }
            return failing.isEmpty() ? Optional.empty() : Optional.of(failed(failing, condition()));
        }

        @Override
        public String describe() {
            return "discharge when " + condition();
        }

        String condition() {
            return parts.stream().map(p -> p instanceof AnyOf a ? "(" + a.condition() + ")" : conditionOf(p))
                    .collect(java.util.stream.Collectors.joining(" and "));
        }
    }

    /** {@code when padss >= 9 or aldrete >= 9}: some part holds; a refusal names what each part saw. */
    record AnyOf(RuleInfo info, java.util.List<DischargeCriterion> parts) implements DischargeCriterion {
        public AnyOf {
            Objects.requireNonNull(info, "rule");
            parts = java.util.List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("'or' joins at least two discharge conditions");
            }
        }

        @Override
        public Optional<Evidence> violation(DischargeFacts facts) {
            java.util.List<String> failing = new java.util.ArrayList<>();
            for (DischargeCriterion part : parts) {
                Optional<Evidence> v = part.violation(facts);
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                failing.add(partText(part, v.get()));
            }
            return Optional.of(failed(failing, condition()));
        }

        @Override
        public String describe() {
            return "discharge when " + condition();
        }

        String condition() {
            return parts.stream().map(p -> p instanceof AllOf a ? "(" + a.condition() + ")" : conditionOf(p))
                    .collect(java.util.stream.Collectors.joining(" or "));
        }
    }

    /** A part's own condition, as written after {@code when}. */
    private static String conditionOf(DischargeCriterion part) {
        return part.describe().replaceFirst("^discharge when ", "");
    }

    /** What a failing part saw: a simple part its whole evidence ({@code PADSS 8 < 9}), a combined one what its parts saw. */
    private static String partText(DischargeCriterion part, Evidence evidence) {
        return part instanceof AllOf || part instanceof AnyOf ? evidence.observed() : evidence.toString();
    }

    /** {@code MOAA/S 4 < 5 and PADSS 8 < 9 fail MOAA/S >= 5 and PADSS >= 9}. */
    private static Evidence failed(java.util.List<String> failing, String condition) {
        java.util.List<String> distinct = failing.stream().distinct().toList();
        return new Evidence(String.join(" and ", distinct), distinct.size() == 1 ? "fails" : "fail", condition);
    }
}
