package org.kap.api.pages;

import org.junit.jupiter.api.Test;
import org.kap.core.course.ClinicalTimePolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Times on the pages in a clinic that is not on UTC, across its changes of daylight saving time. */
class ClinicTimeTest {

    private final ClinicTime zurich = new ClinicTime(new ClinicalTimePolicy(Clock.systemUTC(), Duration.ofMinutes(2),
            Duration.ofHours(1), ZoneId.of("Europe/Zurich")));

    @Test
    void a_time_typed_on_a_page_is_read_in_the_clinic_zone() {
        assertThat(zurich.parse("at", "2026-01-12T10:15")).isEqualTo(Instant.parse("2026-01-12T09:15:00Z"));
        assertThat(zurich.parse("at", "2026-07-12T10:15")).isEqualTo(Instant.parse("2026-07-12T08:15:00Z"));
        assertThat(zurich.parse("at", "2026-07-12T10:15:00+02:00")).as("a time with its offset is that time")
                .isEqualTo(Instant.parse("2026-07-12T08:15:00Z"));
    }

    @Test
    void a_time_the_clocks_skip_or_pass_twice_is_refused_not_guessed() {
        // 2026-03-29 02:30 does not happen in Zurich; 2026-10-25 02:30 happens twice
        assertThatThrownBy(() -> zurich.parse("at", "2026-03-29T02:30")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skipped");
        assertThatThrownBy(() -> zurich.parse("at", "2026-10-25T02:30")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("passed twice");
        assertThatThrownBy(() -> zurich.parse("at", "yesterday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a date and time");
    }

    @Test
    void a_time_is_shown_in_the_clinic_zone_to_the_minute_with_the_zone_named() {
        assertThat(zurich.format(Instant.parse("2026-01-12T09:15:42Z"))).isEqualTo("2026-01-12 10:15 Europe/Zurich");
        assertThat(zurich.format(null)).isEmpty();
    }
}
