package org.kap.core.units;

/**
 * An amount of drug, either fixed (mg) or weight-based (mg/kg). A rule may state either; the
 * client's weight converts between them.
 */
public sealed interface Dose extends Quantity permits Milligrams, MilligramsPerKilogram {

    /** This dose in mg for a client of the given weight. */
    Milligrams inMilligrams(Kilograms weight);
}
