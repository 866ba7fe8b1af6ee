package org.kap.core.facts;

import org.kap.core.screening.ClientProfile;
import org.kap.core.units.Kilograms;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** The client weighed at the fact's clinical time: mg/kg doses from then on are computed on it. */
public record WeightMeasurement(Kilograms weight) implements ClientFact {

    public WeightMeasurement {
        Objects.requireNonNull(weight, "weight");
        if (weight.value().signum() <= 0) {
            throw new IllegalArgumentException("weight must be above 0 kg");
        }
    }

    @Override
    public Set<String> changes() {
        return Set.of(FactNames.WEIGHT);
    }

    @Override
    public ClientProfile applyTo(ClientProfile p, Instant at) {
        return new ClientProfile(p.ageYears(), weight, p.diagnoses(), p.history(), p.familyHistory(), p.medications(),
                p.substanceUse(), p.pregnant(), p.breastfeeding(), p.vitals(), p.scores(), p.medicationsTaken(), p.labs());
    }

    @Override
    public String describe() {
        return "weight " + weight;
    }
}
