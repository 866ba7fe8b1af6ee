package org.kap.core.session;

import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Units;
import org.kap.core.vitals.VitalBound;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What must hold before a dose is given: the setting, pre-dose vitals and a fresh approval. */
public sealed interface SessionStartRule extends Rule {

    Optional<Evidence> violation(SessionStart start);

    default Optional<Finding> check(ProtocolRef protocol, SessionStart start) {
        return violation(start).map(e -> info().fired(protocol, e));
    }

    /**
     * {@code require prescriber_on_site when age >= 65 years}: a requirement for the clients the condition holds for at
     * the start; silent for the others, and refusing, naming what is missing, when it cannot be told.
     */
    record ForClients(org.kap.core.screening.ClientCondition when, SessionStartRule rule) implements SessionStartRule {
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
        public Optional<Evidence> violation(SessionStart start) {
            return new org.kap.core.screening.ClientGroup(when).refusal(rule.violation(start), start.client(), start.at());
        }

        @Override
        public String describe() {
            return rule.describe() + " when " + when;
        }
    }

    /** {@code require pulse_oximeter}. */
    record SettingRequirement(RuleInfo info, SettingFeature feature) implements SessionStartRule {
        public SettingRequirement {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(feature, "setting feature");
        }

        @Override
        public Optional<Evidence> violation(SessionStart start) {
            return start.setting().contains(feature) ? Optional.empty()
                    : Optional.of(Evidence.of(feature.code() + " not confirmed", "required", feature.code()));
        }

        @Override
        public String describe() {
            return "setting requires " + feature.code();
        }
    }

    /**
     * {@code pre-dose systolic < 160 mmHg}, or bounds combined ({@code pre-dose systolic <= 140 mmHg and diastolic <= 90
     * mmHg}): a requirement on the pre-dose reading; a refusal names the parts that failed.
     */
    record PreDoseVital(RuleInfo info, org.kap.core.vitals.VitalRequirement required) implements SessionStartRule {
        public PreDoseVital {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(required, "bound");
        }

        @Override
        public Optional<Evidence> violation(SessionStart start) {
            if (start.preDose() == null) {
                return Optional.of(Evidence.of("no pre-dose vitals", "required", required));
            }
            return required.holdsFor(start.preDose()).orElse(false) ? Optional.empty()
                    : Optional.of(required.evidenceFailing(start.preDose()));
        }

        @Override
        public String describe() {
            return "pre-dose " + required;
        }
    }

    /** {@code pre-dose vitals within 30 min}: the reading is recent enough when the dose is given. */
    record PreDoseRecency(RuleInfo info, Duration maximumAge) implements SessionStartRule {
        public PreDoseRecency {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(maximumAge, "maximum age");
        }

        @Override
        public Optional<Evidence> violation(SessionStart start) {
            if (start.preDose() == null) {
                return Optional.of(Evidence.of("no pre-dose vitals", "required", "within " + Units.format(maximumAge)));
            }
            Duration age = Duration.between(start.preDose().measuredAt(), start.at());
            return age.compareTo(maximumAge) <= 0 ? Optional.empty()
                    : Optional.of(Evidence.of("vitals taken " + Units.format(age.truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                    + " before the dose", ">", maximumAge));
        }

        @Override
        public String describe() {
            return "pre-dose vitals taken within " + Units.format(maximumAge) + " of the dose";
        }
    }

    /** {@code approval valid for 24 h}: an old approval must be renewed by the prescriber. */
    record ApprovalExpiry(RuleInfo info, Duration validFor) implements SessionStartRule {
        public ApprovalExpiry {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(validFor, "validity");
        }

        @Override
        public Optional<Evidence> violation(SessionStart start) {
            Duration age = Duration.between(start.approvedAt(), start.at());
            return age.compareTo(validFor) <= 0 ? Optional.empty()
                    : Optional.of(Evidence.of("approval " + Units.format(age.truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                    + " old", ">", validFor));
        }

        @Override
        public String describe() {
            return "dose approval valid for " + Units.format(validFor);
        }
    }
}
