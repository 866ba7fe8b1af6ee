package org.kap.core.outcome;

import java.util.Locale;

/**
 * The rating scales the engine knows, with their score ranges. A score outside its range is
 * malformed input, never a clinical finding.
 */
public enum Instrument {
    PHQ9("PHQ-9", 0, 27, true),
    GAD7("GAD-7", 0, 21, true),
    PCL5("PCL-5", 0, 80, true),
    YBOCS("Y-BOCS", 0, 40, true),
    MADRS("MADRS", 0, 60, true),
    /** sedation: 5 alert ... 0 no response to painful stimulus */
    MOAAS("MOAA/S", 0, 5, false),
    /** post-anaesthetic discharge scoring system */
    PADSS("PADSS", 0, 10, false),
    /** modified Aldrete recovery score */
    ALDRETE("Aldrete", 0, 10, false),
    /** dissociation */
    CADSS("CADSS", 0, 92, true);

    private final String label;
    private final int min;
    private final int max;
    private final boolean higherIsWorse;

    Instrument(String label, int min, int max, boolean higherIsWorse) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.higherIsWorse = higherIsWorse;
    }

    public String label() {
        return label;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** Symptom scales improve as the score falls; recovery scales (MOAA/S, PADSS) as it rises. */
    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    public boolean inRange(int score) {
        return score >= min && score <= max;
    }

    /** The DSL and API name: {@code phq9}, {@code moaas}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
