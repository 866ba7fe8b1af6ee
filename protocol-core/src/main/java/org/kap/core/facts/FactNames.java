package org.kap.core.facts;

import org.kap.core.outcome.Instrument;
import org.kap.core.vitals.VitalSign;

import java.util.ArrayList;
import java.util.List;

/**
 * The names of the facts a screening rule can read, as the protocol's API lists them for integrators
 * ("which facts each rule reads") and as {@code require} names them in the protocol language. Vital
 * signs are named by their label ({@code systolic}), scores by their instrument ({@code phq9}), laboratory
 * tests by their code ({@code alt}).
 */
public final class FactNames {

    public static final String AGE = "age";
    public static final String WEIGHT = "weight";
    public static final String DIAGNOSES = "diagnoses";
    public static final String HISTORY = "history";
    public static final String FAMILY_HISTORY = "family_history";
    public static final String MEDICATIONS = "medications";
    public static final String MEDICATIONS_TAKEN = "medications_taken";
    public static final String SUBSTANCE_USE = "substance_use";
    public static final String PREGNANCY = "pregnancy";
    public static final String BREASTFEEDING = "breastfeeding";

    /** Facts that can be missing from a profile (lists are never missing: an empty list means none reported). */
    public static List<String> requirable() {
        List<String> names = new ArrayList<>(List.of(AGE, WEIGHT, PREGNANCY, BREASTFEEDING));
        for (VitalSign sign : VitalSign.values()) {
            names.add(sign.label());
        }
        for (Instrument instrument : Instrument.values()) {
            names.add(instrument.code());
        }
        for (LabTest test : LabTest.values()) {
            names.add(test.code());
        }
        return List.copyOf(names);
    }

    private FactNames() {
    }
}
