package org.kap.core.facts;

import org.kap.core.screening.ClientProfile;
import org.kap.core.screening.ClientProfile.MedicationDose;
import org.kap.core.units.Milligrams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A medication taken (one dose, at the fact's clinical time), or started or stopped on the client's
 * standing list. Rules over the list read {@code medication in [...]}; rules over doses taken read
 * {@code medication in [...] taken within 24 h before dose}.
 *
 * @param amount the dose taken in mg, when known (TAKEN only)
 * @param route  how it was taken, e.g. {@code oral}, when known (TAKEN only)
 */
public record MedicationChange(String drug, Change change, Milligrams amount, String route) implements ClientFact {

    public enum Change {
        TAKEN, STARTED, STOPPED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MedicationChange {
        if (drug == null || drug.isBlank()) {
            throw new IllegalArgumentException("a medication entry names the drug");
        }
        // a code (system|code) keeps its spelling: ATC and ICD-10-CM codes are upper case
        drug = org.kap.core.terminology.Coding.isToken(drug) ? drug.trim() : drug.trim().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(change, "change");
        if (change != Change.TAKEN && (amount != null || route != null)) {
            throw new IllegalArgumentException("only a dose taken has an amount and a route");
        }
        if (amount != null && amount.value().signum() <= 0) {
            throw new IllegalArgumentException("a dose taken is above 0 mg");
        }
        route = route == null || route.isBlank() ? null : route.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public Set<String> changes() {
        return change == Change.TAKEN ? Set.of(FactNames.MEDICATIONS_TAKEN) : Set.of(FactNames.MEDICATIONS);
    }

    @Override
    public ClientProfile applyTo(ClientProfile p, Instant at) {
        Set<String> list = new HashSet<>(p.medications());
        List<MedicationDose> taken = new ArrayList<>(p.medicationsTaken());
        switch (change) {
            case TAKEN -> taken.add(new MedicationDose(drug, amount, route, at));
            case STARTED -> list.add(drug);
            case STOPPED -> list.remove(drug);
        }
        return new ClientProfile(p.ageYears(), p.weight(), p.diagnoses(), p.history(), p.familyHistory(), list,
                p.substanceUse(), p.pregnant(), p.breastfeeding(), p.vitals(), p.scores(), taken, p.labs());
    }

    @Override
    public String describe() {
        String name = org.kap.core.terminology.Coding.readable(drug);
        return switch (change) {
            case TAKEN -> name + (amount == null ? "" : " " + amount) + (route == null ? "" : " " + route) + " taken";
            case STARTED -> name + " started";
            case STOPPED -> name + " stopped";
        };
    }
}
