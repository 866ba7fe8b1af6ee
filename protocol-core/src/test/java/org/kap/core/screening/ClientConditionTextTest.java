package org.kap.core.screening;

import org.junit.jupiter.api.Test;
import org.kap.core.rule.Comparison;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientConditionTextTest {

    @Test
    void a_combination_inside_another_reads_with_its_parentheses() {
        var pregnantOrBreastfeeding = new ClientCondition.AnyOf(List.of(new ClientCondition.Pregnant(), new ClientCondition.Breastfeeding()));
        var condition = new ClientCondition.AllOf(List.of(pregnantOrBreastfeeding, new ClientCondition.Age(Comparison.LESS, 18)));
        assertThat(condition).hasToString("(pregnant or breastfeeding) and age < 18 years");
    }
}
