package org.kap.api.units;

import org.kap.core.course.InvalidCommandException;
import org.kap.core.units.BeatsPerMinute;
import org.kap.core.units.BreathsPerMinute;
import org.kap.core.units.Dose;
import org.kap.core.units.Kilograms;
import org.kap.core.units.Milligrams;
import org.kap.core.units.MilligramsPerKilogram;
import org.kap.core.units.MillimetresOfMercury;
import org.kap.core.units.Percent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantities in request bodies are written as a clinician would, number and unit together:
 * {@code "0.5 mg/kg"}, {@code "70 kg"}, {@code "142 mmHg"}, {@code "40 min"}. A missing or wrong
 * unit is malformed input naming the field.
 */
public final class QuantityText {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z%/]+)\\s*");

    private QuantityText() {
    }

    public static Dose dose(String field, String text) {
        Parsed q = parse(field, text, "mg or mg/kg, e.g. \"0.5 mg/kg\"");
        return switch (q.unit) {
            case "mg" -> new Milligrams(q.value);
            case "mg/kg" -> new MilligramsPerKilogram(q.value);
            default -> throw wrongUnit(field, q, "mg or mg/kg");
        };
    }

    /** A dose of another medication than ketamine, in mg. */
    public static Milligrams milligrams(String field, String text) {
        return new Milligrams(expect(field, text, "mg"));
    }

    /** A laboratory result such as ALT, in U/L. */
    public static org.kap.core.units.UnitsPerLitre unitsPerLitre(String field, String text) {
        return new org.kap.core.units.UnitsPerLitre(expect(field, text, "U/L"));
    }

    public static Kilograms kilograms(String field, String text) {
        return new Kilograms(expect(field, text, "kg"));
    }

    public static MillimetresOfMercury mmHg(String field, String text) {
        return text == null ? null : new MillimetresOfMercury(expect(field, text, "mmHg"));
    }

    public static BeatsPerMinute bpm(String field, String text) {
        return text == null ? null : new BeatsPerMinute(expect(field, text, "bpm"));
    }

    public static Percent percent(String field, String text) {
        return text == null ? null : new Percent(expect(field, text, "%"));
    }

    public static BreathsPerMinute breathsPerMinute(String field, String text) {
        return text == null ? null : new BreathsPerMinute(expect(field, text, "breaths/min"));
    }

    public static Duration duration(String field, String text) {
        if (text == null) {
            return null;
        }
        Parsed q = parse(field, text, "a time such as \"40 min\" or \"2 h\"");
        long seconds = switch (q.unit) {
            case "min" -> 60;
            case "h" -> 3600;
            case "days", "day" -> 86400;
            default -> throw wrongUnit(field, q, "min, h or days");
        };
        BigDecimal total = q.value.multiply(BigDecimal.valueOf(seconds));
        if (total.compareTo(BigDecimal.valueOf(LONGEST.toSeconds())) > 0) {
            // never wrapped round to a small time in a signed record: nothing in a course lasts longer than this
            throw new InvalidCommandException(field, "'" + text + "' is longer than " + LONGEST.toDays() + " days");
        }
        return Duration.ofSeconds(total.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    /** The longest time a command may carry: an infusion, a window, an observation; none lasts a year. */
    private static final Duration LONGEST = Duration.ofDays(366);

    private static BigDecimal expect(String field, String text, String unit) {
        Parsed q = parse(field, text, "\"<number> " + unit + "\"");
        if (!q.unit.equals(unit)) {
            throw wrongUnit(field, q, unit);
        }
        return q.value;
    }

    private record Parsed(BigDecimal value, String unit) {
    }

    private static Parsed parse(String field, String text, String expected) {
        if (text == null || text.isBlank()) {
            throw new InvalidCommandException(field, "is required, as " + expected);
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new InvalidCommandException(field, "'" + text + "' is not a number with a unit; write " + expected);
        }
        return new Parsed(new BigDecimal(m.group(1)), m.group(2));
    }

    private static InvalidCommandException wrongUnit(String field, Parsed q, String expected) {
        return new InvalidCommandException(field, "is in " + expected + ", not " + q.unit);
    }
}
