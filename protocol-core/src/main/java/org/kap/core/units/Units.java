package org.kap.core.units;

import java.time.Duration;

/** Short factories so that protocols built in Java read like the protocol text: {@code mg(56)}, {@code mgPerKg("0.5")}. */
public final class Units {

    private Units() {
    }

    public static Milligrams mg(long value) {
        return Milligrams.of(value);
    }

    public static Milligrams mg(String value) {
        return Milligrams.of(value);
    }

    public static MilligramsPerKilogram mgPerKg(String value) {
        return MilligramsPerKilogram.of(value);
    }

    public static MilligramsPerKilogramPerHour mgPerKgPerHour(String value) {
        return MilligramsPerKilogramPerHour.of(value);
    }

    public static Kilograms kg(String value) {
        return Kilograms.of(value);
    }

    public static Kilograms kg(long value) {
        return Kilograms.of(value);
    }

    public static MillimetresOfMercury mmHg(long value) {
        return MillimetresOfMercury.of(value);
    }

    public static BeatsPerMinute bpm(long value) {
        return BeatsPerMinute.of(value);
    }

    public static BreathsPerMinute breathsPerMinute(long value) {
        return BreathsPerMinute.of(value);
    }

    public static Percent percent(long value) {
        return Percent.of(value);
    }

    public static Duration minutes(long value) {
        return Duration.ofMinutes(value);
    }

    public static Duration hours(long value) {
        return Duration.ofHours(value);
    }

    public static Duration days(long value) {
        return Duration.ofDays(value);
    }

    /** {@code 90 min}, {@code 2 h}, {@code 7 days}, {@code 1 day 23 h 59 min}: durations as a clinician would say them. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long minutes = d.toMinutes();
        if (minutes < 120 && minutes % 60 != 0 || minutes == 0) {
            return minutes + " min" + (d.toSecondsPart() == 0 ? "" : " " + d.toSecondsPart() + " s");
        }
        StringBuilder text = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            text.append(days).append(days == 1 ? " day" : " days");
        }
        if (d.toHoursPart() > 0) {
            text.append(text.length() > 0 ? " " : "").append(d.toHoursPart()).append(" h");
        }
        if (d.toMinutesPart() > 0) {
            text.append(" ").append(d.toMinutesPart()).append(" min");
        }
        return text.toString();
    }
}
