package org.kap.core.observation;

import org.kap.core.outcome.Instrument;
import org.kap.core.vitals.VitalSigns;

import java.util.Map;

/**
 * What discharge criteria look at.
 *
 * @param latest   the session's latest vitals; null when none were taken after the dose
 * @param baseline the pre-dose vitals
 * @param scores   scores taken at discharge (MOAA/S, PADSS, Aldrete)
 */
public record DischargeFacts(VitalSigns latest, VitalSigns baseline, Map<Instrument, Integer> scores,
                             boolean escortPresent, Transport transport) {
    public DischargeFacts {
        scores = Map.copyOf(scores == null ? Map.of() : scores);
    }
}
