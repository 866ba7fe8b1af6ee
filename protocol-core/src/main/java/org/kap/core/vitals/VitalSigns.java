package org.kap.core.vitals;

import org.kap.core.units.BeatsPerMinute;
import org.kap.core.units.BreathsPerMinute;
import org.kap.core.units.MillimetresOfMercury;
import org.kap.core.units.Percent;
import org.kap.core.units.Quantity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One set of vital-sign readings taken at one clinical time. Any sign may be absent (not measured);
 * a rule on an absent sign cannot be satisfied by it.
 */
public record VitalSigns(Instant measuredAt, MillimetresOfMercury systolic, MillimetresOfMercury diastolic,
                         BeatsPerMinute heartRate, Percent spo2, BreathsPerMinute respiratoryRate) {

    public VitalSigns {
        Objects.requireNonNull(measuredAt, "the time the vitals were measured");
        if (spo2 != null && spo2.value().compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("SpO2 cannot exceed 100 %: " + spo2);
        }
        if (systolic == null && diastolic == null && heartRate == null && spo2 == null && respiratoryRate == null) {
            throw new IllegalArgumentException("a vitals reading needs at least one measured sign");
        }
    }

    /** The same readings at another time: for a reading the course stamps itself. */
    public VitalSigns measuredAt(Instant time) {
        return new VitalSigns(time, systolic, diastolic, heartRate, spo2, respiratoryRate);
    }

    public Optional<Quantity> get(VitalSign sign) {
        return Optional.ofNullable(switch (sign) {
            case SYSTOLIC -> systolic;
            case DIASTOLIC -> diastolic;
            case HEART_RATE -> heartRate;
            case SPO2 -> spo2;
            case RESPIRATORY_RATE -> respiratoryRate;
        });
    }

    /** This reading with the signs the other one measured put in place of its own: a correction of some signs only. */
    public VitalSigns correctedBy(VitalSigns other) {
        return new VitalSigns(measuredAt, other.systolic != null ? other.systolic : systolic,
                other.diastolic != null ? other.diastolic : diastolic, other.heartRate != null ? other.heartRate : heartRate,
                other.spo2 != null ? other.spo2 : spo2, other.respiratoryRate != null ? other.respiratoryRate : respiratoryRate);
    }

    /** {@code BP 130/82 mmHg, HR 72 bpm, SpO2 97 %}: the signs measured, for people. */
    public String summary() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (systolic != null && diastolic != null) {
            parts.add("BP " + systolic.value().toPlainString() + "/" + diastolic.value().toPlainString() + " mmHg");
        } else {
            if (systolic != null) {
                parts.add("systolic " + Quantity.format(systolic));
            }
            if (diastolic != null) {
                parts.add("diastolic " + Quantity.format(diastolic));
            }
        }
        if (heartRate != null) {
            parts.add("HR " + Quantity.format(heartRate));
        }
        if (spo2 != null) {
            parts.add("SpO2 " + Quantity.format(spo2));
        }
        if (respiratoryRate != null) {
            parts.add("RR " + Quantity.format(respiratoryRate));
        }
        return String.join(", ", parts);
    }

    public Set<VitalSign> measured() {
        Set<VitalSign> signs = EnumSet.noneOf(VitalSign.class);
        for (VitalSign s : VitalSign.values()) {
            if (get(s).isPresent()) {
                signs.add(s);
            }
        }
        return signs;
    }

    public static Builder at(Instant measuredAt) {
        return new Builder(measuredAt);
    }

    /** Readable construction in tests and examples: {@code VitalSigns.at(t).bp(150, 90).spo2(97).build()}. */
    public static final class Builder {
        private final Instant at;
        private MillimetresOfMercury systolic;
        private MillimetresOfMercury diastolic;
        private BeatsPerMinute heartRate;
        private Percent spo2;
        private BreathsPerMinute respiratoryRate;

        private Builder(Instant at) {
            this.at = at;
        }

        public Builder bp(long systolicMmHg, long diastolicMmHg) {
            this.systolic = MillimetresOfMercury.of(systolicMmHg);
            this.diastolic = MillimetresOfMercury.of(diastolicMmHg);
            return this;
        }

        public Builder heartRate(long bpm) {
            this.heartRate = BeatsPerMinute.of(bpm);
            return this;
        }

        public Builder spo2(long percent) {
            this.spo2 = Percent.of(percent);
            return this;
        }

        public Builder respiratoryRate(long perMinute) {
            this.respiratoryRate = BreathsPerMinute.of(perMinute);
            return this;
        }

        public VitalSigns build() {
            return new VitalSigns(at, systolic, diastolic, heartRate, spo2, respiratoryRate);
        }
    }
}
