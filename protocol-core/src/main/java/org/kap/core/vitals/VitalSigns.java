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
