package org.kap.api.pages;

import org.kap.core.course.ClinicalTimePolicy;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Clinical times as people at the clinic read and type them: in the clinic's zone ({@code kap.clinical-time.clinic-zone}),
 * to the minute, with the zone said. A time typed without an offset (a browser's date and time field) is read in that
 * zone; one that the zone's clocks pass twice (when they go back) or skip (when they go forward) is refused rather than
 * guessed, since an hour's error can put a reading before its session or change an observation window.
 */
@Component("clinicTime")
public class ClinicTime {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ClinicalTimePolicy time;

    ClinicTime(ClinicalTimePolicy time) {
        this.time = time;
    }

    /** {@code 2026-03-09 10:15 Europe/Zurich}; empty for no time. */
    public String format(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant.atZone(time.clinicZone())) + " " + time.clinicZone().getId();
    }

    /** The same, for a time written as ISO 8601 text (as the charts' data holds it). */
    public String formatText(String iso) {
        return iso == null ? "" : format(Instant.parse(iso));
    }

    /** A local date and time in the clinic's zone, or a full ISO 8601 time with its offset. */
    public Instant parse(String field, String text) {
        try {
            LocalDateTime local = LocalDateTime.parse(text.trim());
            List<ZoneOffset> offsets = time.clinicZone().getRules().getValidOffsets(local);
            if (offsets.size() != 1) {
                throw new IllegalArgumentException(field + ": " + text + " is " + (offsets.isEmpty() ? "skipped" : "passed twice")
                        + " by the clocks of " + time.clinicZone().getId() + " (a change of daylight saving time); enter the time "
                        + "a few minutes apart, or send it with its offset through the API");
            }
            return local.atOffset(offsets.get(0)).toInstant();
        } catch (DateTimeParseException notLocal) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException notOffset) {
                throw new IllegalArgumentException(field + ": '" + text + "' is not a date and time");
            }
        }
    }
}
