package org.kap.core.units;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kap.core.units.Units.*;

class UnitsTest {

    @Test
    void equal_amounts_written_differently_are_equal() {
        assertThat(mg("56.0")).isEqualTo(mg(56));
        assertThat(mg("100").toString()).isEqualTo("100 mg");
        assertThat(mgPerKg("0.50").toString()).isEqualTo("0.5 mg/kg");
    }

    @Test
    void no_quantity_is_negative() {
        assertThatThrownBy(() -> mg(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mg");
        assertThatThrownBy(() -> mmHg(-5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mmHg");
    }

    @Test
    void weight_based_doses_convert_to_mg_exactly() {
        assertThat(mgPerKg("0.5").inMilligrams(kg("73.4"))).isEqualTo(mg("36.7"));
        assertThat(mg(112).per(kg(70)).toString()).isEqualTo("1.6 mg/kg");
    }

    @Test
    void quantities_of_different_units_cannot_be_compared() {
        assertThatThrownBy(() -> Quantity.compare(mmHg(140), bpm(140))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Quantity.compare(mmHg(141), mmHg(140))).isPositive();
    }

    @Test
    void durations_read_as_a_protocol_states_them() {
        assertThat(format(minutes(40))).isEqualTo("40 min");
        assertThat(format(hours(2))).isEqualTo("2 h");
        assertThat(format(days(7))).isEqualTo("7 days");
        assertThat(format(days(1))).isEqualTo("1 day");
    }

    @Test
    void percentages_print_with_a_space() {
        assertThat(percent(93).toString()).isEqualTo("93 %");
    }
}
