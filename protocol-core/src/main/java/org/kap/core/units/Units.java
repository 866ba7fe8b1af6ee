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

    /** {@code 90 min}, {@code 2 h}, {@code 7 days}: durations as a protocol would state them. */
    public static String format(Duration d) {
        long minutes = d.toMinutes();
        if (minutes != 0 && minutes % (24 * 60) == 0) {
            long days = minutes / (24 * 60);
            return days + (days == 1 ? " day" : " days");
        }
        if (minutes != 0 && minutes % 60 == 0) {
            return (minutes / 60) + " h";
        }
        if (d.toSecondsPart() != 0 || d.toMillisPart() != 0) {
            return minutes + " min " + d.toSecondsPart() + " s";
        }
        return minutes + " min";
    }
}
