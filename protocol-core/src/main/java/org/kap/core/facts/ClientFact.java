package org.kap.core.facts;

import org.kap.core.screening.ClientProfile;

import java.time.Instant;
import java.util.Set;

/**
 * Something learnt about the client after screening, at its clinical time: a clinical finding, a
 * medication taken, started or stopped, a weight. Folded in order onto the screening profile, the
 * facts give what is known of the client at any instant ({@link ClientFacts#profileAt}).
 */
public sealed interface ClientFact permits ClinicalFinding, MedicationChange, WeightMeasurement {

    /**
     * The facts, in {@link FactNames}' words, that this one changes: a screening rule that reads one of
     * them is evaluated again.
     */
    Set<String> changes();

    /** The profile with this fact folded in; {@code at} is the fact's clinical time. */
    ClientProfile applyTo(ClientProfile profile, Instant at);

    /** One line for the history: {@code pregnancy test positive}. */
    String describe();
}
