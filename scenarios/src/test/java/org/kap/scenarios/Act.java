package org.kap.scenarios;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One act a journey sent to a course, and what the audit trail must then hold for it: the event
 * that records it (allowed or refused) with the acting role, or nothing at all when the engine
 * rejected the request (malformed, forbidden, conflicting).
 */
public record Act(String courseId, Kind kind, String role, int status, List<String> refusedBy) {

    /** The kinds of act, each with the event recording it when allowed and when refused by a rule. */
    public enum Kind {
        SCREEN("ClientScreened", "ClientScreened"),
        CONSENT("ConsentRecorded", null),
        WITHDRAW_CONSENT("ConsentWithdrawn", null),
        PREPARATION("PreparationSessionRecorded", null),
        OVERRIDE("RuleOverridden", "OverrideRefused"),
        APPROVE_DOSE("DoseApproved", "DoseApprovalRefused"),
        START_SESSION("SessionStarted", "SessionStartRefused"),
        BOOSTER("BoosterAdministered", "BoosterRefused"),
        FINDING("ClinicalFindingRecorded", null),
        MEDICATION("MedicationRecorded", null),
        WEIGHT("WeightRecorded", null),
        CLOSE_SESSION("SessionClosed", null),
        VITALS("VitalsRecorded", null),
        ADVERSE_EVENT("AdverseEventRecorded", null),
        RESOLVE_ADVERSE_EVENT("AdverseEventResolved", null),
        DISCHARGE("ClientDischarged", "DischargeRefused"),
        INTEGRATION("IntegrationCompleted", null),
        OUTCOME_MEASURE("OutcomeMeasureRecorded", null),
        SESSION_SCORE("SessionScoreRecorded", null),
        FULFIL_OBLIGATION("ObligationFulfilled", null),
        REVIEW("CourseReviewed", null),
        CORRECTION("EntryCorrected", null),
        END_COURSE("CourseEnded", null),
        MIGRATE("CourseMigrated", "MigrationRefused");

        private final String allowedEvent;
        private final String refusedEvent;

        Kind(String allowedEvent, String refusedEvent) {
            this.allowedEvent = allowedEvent;
            this.refusedEvent = refusedEvent;
        }
    }

    private static final Set<Integer> RECORDED = Set.of(200, 201, 422);

    public boolean recorded() {
        return RECORDED.contains(status);
    }

    /** The type of the event that opens this act's unit of work in the history. */
    public String expectedEvent() {
        return status == 422 ? kind.refusedEvent : kind.allowedEvent;
    }

    static final Map<String, String> ROLE_OF_USER = Map.of("clinician", "clinician", "prescriber", "prescriber",
            "therapist", "therapist", "auditor", "auditor", "designer", "protocol_designer", "admin", "admin");

    @Override
    public String toString() {
        return kind + " by " + role + " on " + courseId + " -> " + status + (refusedBy.isEmpty() ? "" : " " + refusedBy);
    }
}
