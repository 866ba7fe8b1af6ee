package org.kap.core.dosing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Kilograms;
import org.kap.core.units.Milligrams;
import org.kap.core.units.MilligramsPerKilogram;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** For arbitrary limits and weights: any dose at or under a limit is allowed, any over is refused. */
class DoseLimitProperties {

    private static final RuleInfo RULE = RuleInfo.absolute("DOSE-MAX", "maximum", "test");
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private static DoseRequest request(org.kap.core.units.Dose dose, Kilograms weight, Milligrams alreadyGiven) {
        return new DoseRequest(Route.IM, dose, weight, alreadyGiven.value().signum() > 0, alreadyGiven, null, List.of(), null, AT);
    }

    @Property
    void a_weight_based_dose_is_refused_exactly_when_it_exceeds_the_weight_based_maximum(
            @ForAll @BigRange(min = "0.05", max = "3.0") @Scale(2) BigDecimal limit,
            @ForAll @BigRange(min = "0.05", max = "3.0") @Scale(2) BigDecimal dose,
            @ForAll @BigRange(min = "30", max = "200") @Scale(1) BigDecimal weight) {
        var rule = new DoseRule.SessionMaximum(RULE, new MilligramsPerKilogram(limit));
        boolean refused = rule.violation(request(new MilligramsPerKilogram(dose), new Kilograms(weight), Milligrams.ZERO)).isPresent();
        assertThat(refused).isEqualTo(dose.compareTo(limit) > 0);
    }

    @Property
    void a_fixed_dose_is_refused_exactly_when_it_exceeds_the_maximum_in_mg_whatever_the_weight(
            @ForAll @IntRange(min = 1, max = 500) int limitMg,
            @ForAll @IntRange(min = 1, max = 500) int doseMg,
            @ForAll @BigRange(min = "30", max = "200") @Scale(1) BigDecimal weight) {
        var rule = new DoseRule.SessionMaximum(RULE, Milligrams.of(limitMg));
        boolean refused = rule.violation(request(Milligrams.of(doseMg), new Kilograms(weight), Milligrams.ZERO)).isPresent();
        assertThat(refused).isEqualTo(doseMg > limitMg);
    }

    @Property
    void boosters_count_toward_the_session_maximum(
            @ForAll @IntRange(min = 10, max = 400) int limitMg,
            @ForAll @IntRange(min = 1, max = 400) int givenMg,
            @ForAll @IntRange(min = 1, max = 400) int boosterMg) {
        var rule = new DoseRule.SessionMaximum(RULE, Milligrams.of(limitMg));
        boolean refused = rule.violation(request(Milligrams.of(boosterMg), new Kilograms(BigDecimal.valueOf(70)),
                Milligrams.of(givenMg))).isPresent();
        assertThat(refused).isEqualTo(givenMg + boosterMg > limitMg);
    }

    @Property
    void a_weight_based_limit_converted_to_mg_is_never_looser_than_the_limit(
            @ForAll @BigRange(min = "0.05", max = "3.0") @Scale(3) BigDecimal limit,
            @ForAll @BigRange(min = "30", max = "200") @Scale(1) BigDecimal weight) {
        Milligrams cap = new MilligramsPerKilogram(limit).inMilligrams(new Kilograms(weight));
        assertThat(cap.value()).isEqualByComparingTo(limit.multiply(weight));
    }
}
