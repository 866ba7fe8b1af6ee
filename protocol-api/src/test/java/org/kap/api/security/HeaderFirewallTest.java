package org.kap.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's checks written as loops allow exactly what Spring's regular expressions allow. */
class HeaderFirewallTest {

    @Test
    void aHeaderNameOrParameterNameIsAllowedExactlyWhereSpringAllowsIt() {
        assertSameAsSpring(HeaderFirewall.ASSIGNED_NOT_CONTROL, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
        assertSameAsSpring(HeaderFirewall.ASSIGNED_NOT_CONTROL, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
    }

    @Test
    void aHeaderValueIsAllowedExactlyWhereSpringAllowsIt() {
        assertSameAsSpring(HeaderFirewall.ASSIGNED_NOT_CONTROL_OR_TAB, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void whatTheChecksRefuse() {
        assertThat(HeaderFirewall.ASSIGNED_NOT_CONTROL_OR_TAB.test("Bearer abc.def")).isTrue();
        assertThat(HeaderFirewall.ASSIGNED_NOT_CONTROL_OR_TAB.test("a\tb")).isTrue();
        assertThat(HeaderFirewall.ASSIGNED_NOT_CONTROL.test("a\tb")).as("a tab in a name").isFalse();
        assertThat(HeaderFirewall.ASSIGNED_NOT_CONTROL_OR_TAB.test("a\u0085b")).as("a C1 control").isFalse();
        assertThat(HeaderFirewall.ASSIGNED_NOT_CONTROL_OR_TAB.test("a\u0378b")).as("an unassigned code point").isFalse();
    }

    /** Every code point alone, and between other text (the loop steps by code points, as the expressions match). */
    private static void assertSameAsSpring(Predicate<String> ours, Predicate<String> spring) {
        int differing = 0;
        int refused = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            for (String text : List.of(alone, "x" + alone + "y")) {
                boolean expected = spring.test(text);
                if (ours.test(text) != expected) {
                    differing++;
                }
                refused += expected ? 0 : 1;
            }
        }
        for (String text : List.of("", "\uD83D\uDE00", "\uD83D", "\uDE00", "\uDE00\uD83D", "a\uD83D\uDE00\tb", "\u00e9t\u00e9")) {
            assertThat(ours.test(text)).as("[%s]", text).isEqualTo(spring.test(text));
        }
        assertThat(differing).as("code points judged differently").isZero();
        assertThat(refused).as("code points Spring refuses").isGreaterThan(100_000);
    }
}
