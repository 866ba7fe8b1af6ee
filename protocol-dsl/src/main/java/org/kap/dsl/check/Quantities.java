package org.kap.dsl.check;

import org.kap.core.units.BeatsPerMinute;
import org.kap.core.units.BreathsPerMinute;
import org.kap.core.units.Dose;
import org.kap.core.units.Kilograms;
import org.kap.core.units.Milligrams;
import org.kap.core.units.MilligramsPerKilogram;
import org.kap.core.units.MilligramsPerKilogramPerHour;
import org.kap.core.units.MillimetresOfMercury;
import org.kap.core.units.Percent;
import org.kap.core.units.Quantity;
import org.kap.core.units.Unit;
import org.kap.dsl.ast.Ast;
import org.kap.dsl.ast.Ast.Num;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a written quantity into a typed one, checking that its unit is known and is the unit this
 * place takes: a dose in mg or mg/kg, a blood pressure in mmHg, a time in min, h, days or weeks.
 */
final class Quantities {

    /** No time in a protocol is longer; far longer ones would overflow the engine's clock arithmetic. */
    private static final Duration LONGEST = Duration.ofDays(36_525);
    static final List<String> TIME_UNITS = List.of("min", "minutes", "h", "hours", "day", "days", "week", "weeks");
    private static final Map<String, Unit> UNITS = Map.of("mg", Unit.MG, "mg/kg", Unit.MG_PER_KG,
            "mg/kg/h", Unit.MG_PER_KG_PER_HOUR, "kg", Unit.KG, "mmHg", Unit.MMHG, "bpm", Unit.BPM,
            "breaths/min", Unit.BREATHS_PER_MINUTE, "%", Unit.PERCENT, "U/L", Unit.UNITS_PER_LITRE);
    private static final List<String> KNOWN = List.of("mg", "mg/kg", "mg/kg/h", "kg", "mmHg", "bpm", "breaths/min", "%",
            "U/L", "min", "h", "days", "weeks", "years");

    private final Diagnostics diagnostics;

    Quantities(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** A dose: mg or mg/kg, above zero. */
    Optional<Dose> dose(Ast.Quantity q, String place) {
        return measure(q, place, List.of(Unit.MG, Unit.MG_PER_KG)).flatMap(m -> positive(q, place, (Dose) m));
    }

    Optional<Milligrams> milligrams(Ast.Quantity q, String place) {
        return measure(q, place, List.of(Unit.MG)).map(Milligrams.class::cast);
    }

    Optional<MilligramsPerKilogramPerHour> rate(Ast.Quantity q, String place) {
        return measure(q, place, List.of(Unit.MG_PER_KG_PER_HOUR)).flatMap(m -> positive(q, place, (MilligramsPerKilogramPerHour) m));
    }

    /** A percentage from 0 to 100. */
    Optional<Percent> percent(Ast.Quantity q, String place) {
        Optional<Quantity> p = measure(q, place, List.of(Unit.PERCENT));
        if (p.isPresent() && p.get().value().compareTo(BigDecimal.valueOf(100)) > 0) {
            diagnostics.error(q.pos(), place + " is " + q + ", but a percentage cannot exceed 100 %");
            return Optional.empty();
        }
        return p.map(Percent.class::cast);
    }

    /** A value in the one unit the place takes (a vital sign's). */
    Optional<Quantity> in(Unit unit, Ast.Quantity q, String place) {
        Optional<Quantity> m = measure(q, place, List.of(unit));
        if (m.isPresent() && unit == Unit.PERCENT && m.get().value().compareTo(BigDecimal.valueOf(100)) > 0) {
            diagnostics.error(q.pos(), place + " is " + q + ", but a percentage cannot exceed 100 %");
            return Optional.empty();
        }
        return m;
    }

    /** A duration above zero in min, h, days or weeks. */
    Optional<Duration> duration(Ast.Quantity q, String place) {
        return durationAllowingZero(q, place).filter(d -> {
            if (d.isZero()) {
                diagnostics.error(q.pos(), place + " must be longer than zero");
                return false;
            }
            return true;
        });
    }

    Optional<Duration> durationAllowingZero(Ast.Quantity q, String place) {
        if (q == null) {
            return Optional.empty();
        }
        if (q.unit() == null) {
            diagnostics.error(q.pos(), place + " needs a unit after " + q.number().value().toPlainString() + ": min, h, days or weeks");
            return Optional.empty();
        }
        BigDecimal n = q.number().value();
        Duration unit = switch (q.unit().text()) {
            case "min", "minute", "minutes" -> Duration.ofMinutes(1);
            case "h", "hour", "hours" -> Duration.ofHours(1);
            case "day", "days" -> Duration.ofDays(1);
            case "week", "weeks" -> Duration.ofDays(7);
            default -> null;
        };
        if (unit == null) {
            boolean known = UNITS.containsKey(q.unit().text()) || q.unit().text().equals("years");
            diagnostics.error(q.unit().pos(), known ? mismatch(q, place, "min, h, days or weeks")
                    : Vocabulary.unknown("unit", q.unit().text(), KNOWN));
            return Optional.empty();
        }
        BigDecimal seconds = n.multiply(BigDecimal.valueOf(unit.toSeconds()));
        if (seconds.compareTo(BigDecimal.valueOf(LONGEST.toSeconds())) > 0) {
            diagnostics.error(q.pos(), place + " " + q + " is longer than 100 years");
            return Optional.empty();
        }
        if (seconds.stripTrailingZeros().scale() > 0) {
            diagnostics.error(q.pos(), place + " " + q + " is not a whole number of seconds");
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(seconds.longValueExact()));
    }

    /** A whole number of at least {@code minimum}, for counts, weeks and grades. */
    Optional<Integer> whole(Num n, int minimum, String place) {
        if (n == null) {
            return Optional.empty();
        }
        BigDecimal v = n.value().stripTrailingZeros();
        if (v.scale() > 0 || v.compareTo(BigDecimal.valueOf(minimum)) < 0 || v.compareTo(BigDecimal.valueOf(100_000)) > 0) {
            diagnostics.error(n.pos(), place + " must be a whole number of at least " + minimum + "; got " + n.value().toPlainString());
            return Optional.empty();
        }
        return Optional.of(v.intValueExact());
    }

    /** A score: a whole number with no unit. */
    Optional<Integer> score(Ast.Quantity q, String place) {
        if (q.unit() != null) {
            diagnostics.error(q.unit().pos(), place + " is a score and takes no unit; write " + q.number().value().toPlainString());
            return Optional.empty();
        }
        return whole(q.number(), 0, place);
    }

    private Optional<Quantity> measure(Ast.Quantity q, String place, List<Unit> allowed) {
        if (q == null) {
            return Optional.empty();
        }
        String allowedText = String.join(" or ", allowed.stream().map(Unit::symbol).toList());
        if (q.unit() == null) {
            diagnostics.error(q.pos(), place + " needs a unit after " + q.number().value().toPlainString() + ": " + allowedText);
            return Optional.empty();
        }
        Unit unit = UNITS.get(q.unit().text());
        if (unit == null) {
            boolean knownElsewhere = TIME_UNITS.contains(q.unit().text()) || q.unit().text().equals("years");
            diagnostics.error(q.unit().pos(), knownElsewhere ? mismatch(q, place, allowedText)
                    : Vocabulary.unknown("unit", q.unit().text(), KNOWN));
            return Optional.empty();
        }
        if (!allowed.contains(unit)) {
            diagnostics.error(q.unit().pos(), mismatch(q, place, allowedText));
            return Optional.empty();
        }
        return Optional.of(of(unit, q.number().value()));
    }

    private static String mismatch(Ast.Quantity q, String place, String expected) {
        return place + " is in " + expected + ", not " + q.unit().text();
    }

    private <T extends Quantity> Optional<T> positive(Ast.Quantity q, String place, T value) {
        if (value.value().signum() == 0) {
            diagnostics.error(q.pos(), place + " must be above zero");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static Quantity of(Unit unit, BigDecimal value) {
        return switch (unit) {
            case MG -> new Milligrams(value);
            case MG_PER_KG -> new MilligramsPerKilogram(value);
            case MG_PER_KG_PER_HOUR -> new MilligramsPerKilogramPerHour(value);
            case KG -> new Kilograms(value);
            case MMHG -> new MillimetresOfMercury(value);
            case BPM -> new BeatsPerMinute(value);
            case BREATHS_PER_MINUTE -> new BreathsPerMinute(value);
            case PERCENT -> new Percent(value);
            case UNITS_PER_LITRE -> new org.kap.core.units.UnitsPerLitre(value);
        };
    }
}
