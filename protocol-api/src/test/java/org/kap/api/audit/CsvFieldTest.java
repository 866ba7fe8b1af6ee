package org.kap.api.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvFieldTest {

    @Test
    void fields_are_quoted_as_rfc_4180_says_and_never_taken_for_a_formula() {
        assertThat(CourseHistory.csvField(null)).isEmpty();
        assertThat(CourseHistory.csvField("plain")).isEqualTo("plain");
        assertThat(CourseHistory.csvField("a, b")).isEqualTo("\"a, b\"");
        assertThat(CourseHistory.csvField("say \"no\"")).isEqualTo("\"say \"\"no\"\"\"");
        assertThat(CourseHistory.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CourseHistory.csvField("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CourseHistory.csvField("+1")).isEqualTo("'+1");
        assertThat(CourseHistory.csvField("@sum")).isEqualTo("'@sum");
        assertThat(CourseHistory.csvField(42)).isEqualTo("42");
    }
}
