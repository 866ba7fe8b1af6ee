package org.kap.api.rems;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The Spravato REMS Patient Monitoring Form of one session (fields after the form in the Spravato REMS
 * materials), produced from the session's recorded events. The lot number is not recorded by the engine
 * and is left for the clinic to fill in.
 */
public record MonitoringForm(String courseId, String clientId, int sessionNumber, boolean firstTreatment, LocalDate treatmentDate,
                             String doseAdministered, String lotNumber, Long totalMonitoringMinutes, BloodPressure bloodPressure,
                             boolean vitalsAcceptableBeforeAdministration, boolean vitalsAcceptableBeforeCompletion,
                             boolean sedation, boolean dissociation, boolean respiratoryDepression,
                             List<String> concomitantMedications, Obligation obligation) {

    /** Blood pressure before administration, at about 40 minutes, and before the session ended. */
    public record BloodPressure(String beforeAdministration, String at40Minutes, String beforeCompletion) {
    }

    /** The form's 7-day obligation, linked. */
    public record Obligation(String obligationId, Instant due, Instant fulfilledAt) {
    }
}
