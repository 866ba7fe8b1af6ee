package org.kap.core.course;

import java.util.Map;

/**
 * The names the course's events and snapshots are stored under: written into every stored row and read back for
 * as long as the record is kept, so they are frozen here, independent of the Java classes. A class may be renamed or
 * moved; its stored name never changes. A new event type gets a new name here (a test holds this table to the sealed
 * event family).
 *
 * <p>Until November 2026 the engine stored Java class names; {@link #LEGACY} maps each to its stored name, so an
 * upcaster reads those rows as what they are. That table is history and is never edited.
 */
public final class StoredNames {

    /** The stored name of each course event type, and of the course's snapshot. */
    public static final Map<Class<?>, String> COURSE = Map.ofEntries(
            Map.entry(CourseEvent.ClientScreened.class, "kap.course.ClientScreened"),
            Map.entry(CourseEvent.ConsentRecorded.class, "kap.course.ConsentRecorded"),
            Map.entry(CourseEvent.ClinicalFindingRecorded.class, "kap.course.ClinicalFindingRecorded"),
            Map.entry(CourseEvent.MedicationRecorded.class, "kap.course.MedicationRecorded"),
            Map.entry(CourseEvent.WeightRecorded.class, "kap.course.WeightRecorded"),
            Map.entry(CourseEvent.ConsentWithdrawn.class, "kap.course.ConsentWithdrawn"),
            Map.entry(CourseEvent.PreparationSessionRecorded.class, "kap.course.PreparationSessionRecorded"),
            Map.entry(CourseEvent.RuleOverridden.class, "kap.course.RuleOverridden"),
            Map.entry(CourseEvent.OverrideRefused.class, "kap.course.OverrideRefused"),
            Map.entry(CourseEvent.DoseApproved.class, "kap.course.DoseApproved"),
            Map.entry(CourseEvent.DoseApprovalRefused.class, "kap.course.DoseApprovalRefused"),
            Map.entry(CourseEvent.SessionStarted.class, "kap.course.SessionStarted"),
            Map.entry(CourseEvent.SessionStartRefused.class, "kap.course.SessionStartRefused"),
            Map.entry(CourseEvent.BoosterAdministered.class, "kap.course.BoosterAdministered"),
            Map.entry(CourseEvent.BoosterRefused.class, "kap.course.BoosterRefused"),
            Map.entry(CourseEvent.VitalsRecorded.class, "kap.course.VitalsRecorded"),
            Map.entry(CourseEvent.SessionScoreRecorded.class, "kap.course.SessionScoreRecorded"),
            Map.entry(CourseEvent.VitalTriggerFired.class, "kap.course.VitalTriggerFired"),
            Map.entry(CourseEvent.ObservationExtended.class, "kap.course.ObservationExtended"),
            Map.entry(CourseEvent.AdverseEventRecorded.class, "kap.course.AdverseEventRecorded"),
            Map.entry(CourseEvent.AdverseEventResolved.class, "kap.course.AdverseEventResolved"),
            Map.entry(CourseEvent.SessionStopped.class, "kap.course.SessionStopped"),
            Map.entry(CourseEvent.CourseHalted.class, "kap.course.CourseHalted"),
            Map.entry(CourseEvent.ObligationCreated.class, "kap.course.ObligationCreated"),
            Map.entry(CourseEvent.ObligationOverdue.class, "kap.course.ObligationOverdue"),
            Map.entry(CourseEvent.ObligationFulfilled.class, "kap.course.ObligationFulfilled"),
            Map.entry(CourseEvent.ClientDischarged.class, "kap.course.ClientDischarged"),
            Map.entry(CourseEvent.SessionClosed.class, "kap.course.SessionClosed"),
            Map.entry(CourseEvent.DischargeRefused.class, "kap.course.DischargeRefused"),
            Map.entry(CourseEvent.IntegrationCompleted.class, "kap.course.IntegrationCompleted"),
            Map.entry(CourseEvent.OutcomeMeasureRecorded.class, "kap.course.OutcomeMeasureRecorded"),
            Map.entry(CourseEvent.CourseReviewed.class, "kap.course.CourseReviewed"),
            Map.entry(CourseEvent.EntryCorrected.class, "kap.course.EntryCorrected"),
            Map.entry(CourseEvent.PastDecisionFlagged.class, "kap.course.PastDecisionFlagged"),
            Map.entry(CourseEvent.ScreeningRechecked.class, "kap.course.ScreeningRechecked"),
            Map.entry(CourseEvent.CourseEnded.class, "kap.course.CourseEnded"),
            Map.entry(CourseEvent.CourseMigrated.class, "kap.course.CourseMigrated"),
            Map.entry(CourseEvent.MigrationRefused.class, "kap.course.MigrationRefused"),
            Map.entry(TreatmentCourse.class, "kap.course.TreatmentCourse"));

    /** The names the engine stored before it had stored names (Java class names), with the stored name each is now. */
    public static final Map<String, String> LEGACY = Map.ofEntries(
            Map.entry("org.kap.core.course.CourseEvent$ClientScreened", "kap.course.ClientScreened"),
            Map.entry("org.kap.core.course.CourseEvent$ConsentRecorded", "kap.course.ConsentRecorded"),
            Map.entry("org.kap.core.course.CourseEvent$ClinicalFindingRecorded", "kap.course.ClinicalFindingRecorded"),
            Map.entry("org.kap.core.course.CourseEvent$MedicationRecorded", "kap.course.MedicationRecorded"),
            Map.entry("org.kap.core.course.CourseEvent$WeightRecorded", "kap.course.WeightRecorded"),
            Map.entry("org.kap.core.course.CourseEvent$ConsentWithdrawn", "kap.course.ConsentWithdrawn"),
            Map.entry("org.kap.core.course.CourseEvent$PreparationSessionRecorded", "kap.course.PreparationSessionRecorded"),
            Map.entry("org.kap.core.course.CourseEvent$RuleOverridden", "kap.course.RuleOverridden"),
            Map.entry("org.kap.core.course.CourseEvent$OverrideRefused", "kap.course.OverrideRefused"),
            Map.entry("org.kap.core.course.CourseEvent$DoseApproved", "kap.course.DoseApproved"),
            Map.entry("org.kap.core.course.CourseEvent$DoseApprovalRefused", "kap.course.DoseApprovalRefused"),
            Map.entry("org.kap.core.course.CourseEvent$SessionStarted", "kap.course.SessionStarted"),
            Map.entry("org.kap.core.course.CourseEvent$SessionStartRefused", "kap.course.SessionStartRefused"),
            Map.entry("org.kap.core.course.CourseEvent$BoosterAdministered", "kap.course.BoosterAdministered"),
            Map.entry("org.kap.core.course.CourseEvent$BoosterRefused", "kap.course.BoosterRefused"),
            Map.entry("org.kap.core.course.CourseEvent$VitalsRecorded", "kap.course.VitalsRecorded"),
            Map.entry("org.kap.core.course.CourseEvent$SessionScoreRecorded", "kap.course.SessionScoreRecorded"),
            Map.entry("org.kap.core.course.CourseEvent$VitalTriggerFired", "kap.course.VitalTriggerFired"),
            Map.entry("org.kap.core.course.CourseEvent$ObservationExtended", "kap.course.ObservationExtended"),
            Map.entry("org.kap.core.course.CourseEvent$AdverseEventRecorded", "kap.course.AdverseEventRecorded"),
            Map.entry("org.kap.core.course.CourseEvent$AdverseEventResolved", "kap.course.AdverseEventResolved"),
            Map.entry("org.kap.core.course.CourseEvent$SessionStopped", "kap.course.SessionStopped"),
            Map.entry("org.kap.core.course.CourseEvent$CourseHalted", "kap.course.CourseHalted"),
            Map.entry("org.kap.core.course.CourseEvent$ObligationCreated", "kap.course.ObligationCreated"),
            Map.entry("org.kap.core.course.CourseEvent$ObligationOverdue", "kap.course.ObligationOverdue"),
            Map.entry("org.kap.core.course.CourseEvent$ObligationFulfilled", "kap.course.ObligationFulfilled"),
            Map.entry("org.kap.core.course.CourseEvent$ClientDischarged", "kap.course.ClientDischarged"),
            Map.entry("org.kap.core.course.CourseEvent$SessionClosed", "kap.course.SessionClosed"),
            Map.entry("org.kap.core.course.CourseEvent$DischargeRefused", "kap.course.DischargeRefused"),
            Map.entry("org.kap.core.course.CourseEvent$IntegrationCompleted", "kap.course.IntegrationCompleted"),
            Map.entry("org.kap.core.course.CourseEvent$OutcomeMeasureRecorded", "kap.course.OutcomeMeasureRecorded"),
            Map.entry("org.kap.core.course.CourseEvent$CourseReviewed", "kap.course.CourseReviewed"),
            Map.entry("org.kap.core.course.CourseEvent$EntryCorrected", "kap.course.EntryCorrected"),
            Map.entry("org.kap.core.course.CourseEvent$PastDecisionFlagged", "kap.course.PastDecisionFlagged"),
            Map.entry("org.kap.core.course.CourseEvent$ScreeningRechecked", "kap.course.ScreeningRechecked"),
            Map.entry("org.kap.core.course.CourseEvent$CourseEnded", "kap.course.CourseEnded"),
            Map.entry("org.kap.core.course.TreatmentCourse", "kap.course.TreatmentCourse"));

    private StoredNames() {
    }
}
