package org.kap.core.screening;

import org.junit.jupiter.api.Test;
import org.kap.core.facts.FactNames;
import org.kap.core.vitals.VitalSign;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kap.core.protocol.ProtocolBuilder.*;
import static org.kap.core.rule.Comparison.AT_LEAST;
import static org.kap.core.rule.Comparison.LESS;
import static org.kap.core.units.Units.*;

/** A missing fact is never guessed: conditions say "not known" and name it, and combine in three-valued logic. */
class ClientConditionUnknownTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private static ClientProfile client(Integer age, Boolean pregnant, VitalSigns vitals) {
        return new ClientProfile(age, kg(70), Set.of(), Set.of(), Set.of(), Set.of(), List.of(), pregnant, null, vitals, Map.of());
    }

    private static final ClientCondition HTN = anyOf(vital(VitalSign.SYSTOLIC, AT_LEAST, mmHg(160)),
            vital(VitalSign.DIASTOLIC, AT_LEAST, mmHg(100)));

    @Test
    void an_unrecorded_age_is_not_known_never_zero() {
        assertThat(age(LESS, 18).evaluate(client(null, false, null), AT)).isEqualTo(new Match.Unknown(List.of("age")));
        assertThat(age(LESS, 18).evaluate(client(17, false, null), AT)).isInstanceOf(Match.Holds.class);
        assertThat(age(LESS, 18).evaluate(client(18, false, null), AT)).isEqualTo(Match.NO);
    }

    @Test
    void an_or_holds_on_any_known_part_and_is_not_known_only_when_no_part_holds() {
        VitalSigns systolicOnly = new VitalSigns(AT, new org.kap.core.units.MillimetresOfMercury(java.math.BigDecimal.valueOf(172)), null, null, null, null);
        VitalSigns normalSystolicOnly = new VitalSigns(AT, new org.kap.core.units.MillimetresOfMercury(java.math.BigDecimal.valueOf(130)), null, null, null, null);
        assertThat(HTN.evaluate(client(40, false, systolicOnly), AT)).isInstanceOf(Match.Holds.class);
        assertThat(HTN.evaluate(client(40, false, normalSystolicOnly), AT))
                .isEqualTo(new Match.Unknown(List.of("screening diastolic")));
        assertThat(HTN.evaluate(client(40, false, null), AT).firingEvidence().toString())
                .isEqualTo("screening systolic, screening diastolic not recorded");
    }

    @Test
    void an_and_fails_on_any_known_part_that_fails() {
        ClientCondition both = allOf(age(LESS, 18), pregnant());
        assertThat(both.evaluate(client(30, null, null), AT)).isEqualTo(Match.NO);
        assertThat(both.evaluate(client(16, null, null), AT)).isEqualTo(new Match.Unknown(List.of("pregnancy status")));
        assertThat(both.evaluate(client(16, true, null), AT)).isInstanceOf(Match.Holds.class);
    }

    @Test
    void required_facts_name_what_is_missing_in_a_stable_order() {
        ClientCondition required = recorded(FactNames.PREGNANCY, "systolic", FactNames.AGE);
        assertThat(required.evaluate(client(null, null, null), AT)).isEqualTo(new Match.Unknown(List.of("age", "pregnancy", "systolic")));
        assertThat(required.evaluate(client(40, false, new VitalSigns(AT, new org.kap.core.units.MillimetresOfMercury(java.math.BigDecimal.valueOf(120)), null, null, null, null)), AT)).isEqualTo(Match.NO);
        assertThat(required.reads()).containsExactlyInAnyOrder("age", "pregnancy", "systolic");
        assertThatThrownBy(() -> recorded("diagnoses")).hasMessageContaining("cannot require [diagnoses]");
    }

    @Test
    void each_condition_names_the_facts_it_reads() {
        assertThat(HTN.reads()).containsExactlyInAnyOrder("systolic", "diastolic");
        assertThat(medicationTakenWithin(hours(24), "adhd_stimulant").reads()).containsExactly(FactNames.MEDICATIONS_TAKEN);
        assertThat(medicationTakenWithin(hours(24), "adhd_stimulant").actRelative()).isTrue();
        assertThat(anyOf(pregnant(), medicationTakenWithin(hours(24), "x")).actRelative()).isTrue();
        assertThat(pregnant().actRelative()).isFalse();
    }
}
