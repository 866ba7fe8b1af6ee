package org.kap.core.course;

import org.axonframework.serialization.Revision;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.dosing.Route;
import org.kap.core.facts.ClientFact;
import org.kap.core.facts.ClinicalFinding;
import org.kap.core.facts.MedicationChange;
import org.kap.core.facts.WeightMeasurement;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.observation.Transport;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.RuleId;
import org.kap.core.screening.ClientProfile;
import org.kap.core.session.SettingFeature;
import org.kap.core.units.Dose;
import org.kap.core.units.Kilograms;
import org.kap.core.units.Milligrams;
import org.kap.core.vitals.VitalSigns;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything that happens to a course, as recorded facts. Refusals are facts too: an auditor sees
 * every attempted unsafe act with the findings that stopped it. Each event carries its {@link Entry}.
 *
 * <p>What is stored lasts for years: each event is stored under the name {@link StoredNames} gives it (never its Java
 * class name, so a class can be renamed) and the revision of its shape ({@code @Revision}). A change of shape raises
 * the revision and comes with an upcaster from the one before; the golden samples in the API's tests hold every
 * stored shape to its meaning.
 */
public sealed interface CourseEvent {

    String courseId();

    Entry entry();

    /** The findings behind the event; empty for plain records. */
    default List<Finding> findings() {
        return List.of();
    }

    /** The course exists, pinned to the protocol version it was screened under. */
    @Revision("1")
    record ClientScreened(String courseId, Entry entry, String clientId, ProtocolRef protocol, Indication indication,
                          ClientProfile profile, List<Finding> findings) implements CourseEvent {
    }

    @Revision("1")
    record ConsentRecorded(String courseId, Entry entry) implements CourseEvent {
    }

    /**
     * A fact about the client learnt after screening, at its clinical time. The screening rules that
     * read what it changed were evaluated again on what is known at that time: {@code rechecked} names
     * them, {@code findings} holds what they found (a refusal here excludes the client from further
     * dosing; the fact itself is recorded all the same).
     */
    sealed interface FactRecorded extends CourseEvent permits ClinicalFindingRecorded, MedicationRecorded, WeightRecorded {
        ClientFact fact();

        List<RuleId> rechecked();
    }

    @Revision("1")
    record ClinicalFindingRecorded(String courseId, Entry entry, ClinicalFinding finding, List<RuleId> rechecked,
                                   List<Finding> findings) implements FactRecorded {
        @Override
        public ClientFact fact() {
            return finding;
        }
    }

    @Revision("1")
    record MedicationRecorded(String courseId, Entry entry, MedicationChange medication, List<RuleId> rechecked,
                              List<Finding> findings) implements FactRecorded {
        @Override
        public ClientFact fact() {
            return medication;
        }
    }

    @Revision("1")
    record WeightRecorded(String courseId, Entry entry, WeightMeasurement weight, List<RuleId> rechecked,
                          List<Finding> findings) implements FactRecorded {
        @Override
        public ClientFact fact() {
            return weight;
        }
    }

    @Revision("1")
    record ConsentWithdrawn(String courseId, Entry entry, String reason) implements CourseEvent {
    }

    @Revision("1")
    record PreparationSessionRecorded(String courseId, Entry entry, int number) implements CourseEvent {
    }

    @Revision("1")
    record RuleOverridden(String courseId, Entry entry, RuleId ruleId, String justification) implements CourseEvent {
    }

    @Revision("1")
    record OverrideRefused(String courseId, Entry entry, RuleId ruleId, String justification, List<Finding> findings)
            implements CourseEvent {
    }

    /**
     * {@code weight} and {@code weighedAt}: the weight an mg/kg dose was computed on and when it was measured
     * (absent from approvals recorded before weights were kept over time).
     */
    @Revision("1")
    record DoseApproved(String courseId, Entry entry, String approvalId, Route route, Dose dose, Milligrams amount,
                        boolean booster, Duration infusionDuration, List<Finding> findings, Kilograms weight,
                        Instant weighedAt) implements CourseEvent {
    }

    @Revision("1")
    record DoseApprovalRefused(String courseId, Entry entry, Route route, Dose dose, boolean booster,
                               Duration infusionDuration, List<Finding> findings) implements CourseEvent {
    }

    @Revision("1")
    record SessionStarted(String courseId, Entry entry, int sessionNumber, String approvalId, Route route,
                          Milligrams amount, Set<SettingFeature> setting, VitalSigns preDoseVitals,
                          Instant administrationEnd, List<Finding> findings) implements CourseEvent {
    }

    /** Keeps what the clinician confirmed, so that the decision can be re-derived (what-if, audits). */
    @Revision("1")
    record SessionStartRefused(String courseId, Entry entry, String approvalId, Set<SettingFeature> setting,
                               VitalSigns preDoseVitals, Instant administrationEnd, List<Finding> findings)
            implements CourseEvent {
    }

    @Revision("1")
    record BoosterAdministered(String courseId, Entry entry, int sessionNumber, String approvalId, Milligrams amount)
            implements CourseEvent {
    }

    /** A booster that could not be given: no open session or approval, or a rule on what is known of the client now. */
    @Revision("1")
    record BoosterRefused(String courseId, Entry entry, Integer sessionNumber, String approvalId, List<Finding> findings)
            implements CourseEvent {
    }

    @Revision("1")
    record VitalsRecorded(String courseId, Entry entry, int sessionNumber, VitalSigns vitals) implements CourseEvent {
    }

    /** A score assessed in the open session (a sedation, recovery or dissociation scale), at the entry's clinical time. */
    @Revision("1")
    record SessionScoreRecorded(String courseId, Entry entry, int sessionNumber, org.kap.core.outcome.Instrument instrument,
                                int score) implements CourseEvent {
    }

    /** A vital-sign rule fired on the readings; the events for its actions follow in the same unit of work. */
    @Revision("1")
    record VitalTriggerFired(String courseId, Entry entry, int sessionNumber, List<Finding> findings)
            implements CourseEvent {
    }

    @Revision("1")
    record ObservationExtended(String courseId, Entry entry, int sessionNumber, RuleId ruleId, Duration extension)
            implements CourseEvent {
    }

    /** {@code triggeredBy} names the vital-sign rule that raised it; null when a clinician recorded it. */
    @Revision("1")
    record AdverseEventRecorded(String courseId, Entry entry, String adverseEventId, Integer sessionNumber,
                                AdverseEventType type, int grade, Set<Seriousness> seriousness, String description,
                                RuleId triggeredBy) implements CourseEvent {
        public boolean serious() {
            return !seriousness.isEmpty();
        }
    }

    @Revision("1")
    record AdverseEventResolved(String courseId, Entry entry, String adverseEventId, String resolution)
            implements CourseEvent {
    }

    @Revision("1")
    record SessionStopped(String courseId, Entry entry, int sessionNumber, RuleId ruleId) implements CourseEvent {
    }

    @Revision("1")
    record CourseHalted(String courseId, Entry entry, RuleId ruleId, String adverseEventId) implements CourseEvent {
    }

    @Revision("1")
    record ObligationCreated(String courseId, Entry entry, String obligationId, ObligationKind kind, Instant due,
                             boolean blocksDosingWhenOverdue, RuleId ruleId, Integer sessionNumber,
                             String adverseEventId) implements CourseEvent {
    }

    @Revision("1")
    record ObligationOverdue(String courseId, Entry entry, String obligationId, Instant due) implements CourseEvent {
    }

    @Revision("1")
    record ObligationFulfilled(String courseId, Entry entry, String obligationId, boolean late) implements CourseEvent {
    }

    /**
     * {@code integrationExpected}: the pinned protocol asks for an integration session after this one.
     * The scores, escort and transport are kept so that the decision can be re-derived.
     */
    @Revision("1")
    record ClientDischarged(String courseId, Entry entry, int sessionNumber, Duration observed, boolean integrationExpected,
                            Map<Instrument, Integer> scores, boolean escortPresent, Transport transport,
                            List<Finding> findings) implements CourseEvent {
    }

    /**
     * The session ended otherwise than by a discharge (transfer to emergency care, admission, leaving against
     * advice); its observation is closed. {@code integrationExpected} as for a discharge.
     */
    @Revision("1")
    record SessionClosed(String courseId, Entry entry, int sessionNumber, org.kap.core.observation.Disposition disposition,
                         String note, Duration observed, boolean integrationExpected) implements CourseEvent {
    }

    @Revision("1")
    record DischargeRefused(String courseId, Entry entry, int sessionNumber, Map<Instrument, Integer> scores,
                            boolean escortPresent, Transport transport, List<Finding> findings) implements CourseEvent {
    }

    @Revision("1")
    record IntegrationCompleted(String courseId, Entry entry, int sessionNumber, boolean withinWindow,
                                List<Finding> findings) implements CourseEvent {
    }

    @Revision("1")
    record OutcomeMeasureRecorded(String courseId, Entry entry, Instrument instrument, int score,
                                  int sessionsCompleted) implements CourseEvent {
    }

    @Revision("1")
    record CourseReviewed(String courseId, Entry entry, CourseCommand.ReviewDecision decision, String reason,
                          int sessionsCompleted) implements CourseEvent {
    }

    /**
     * The original entry stays as it was; this one says what was wrong with it. {@code corrected} holds the
     * structured values the course uses from then on (absent for a correction in words only, and in corrections
     * recorded before structured ones existed).
     */
    @Revision("1")
    record EntryCorrected(String courseId, Entry entry, long correctedEntry, String correction, String reason,
                          CorrectedValues corrected) implements CourseEvent {
    }

    /**
     * Past decisions that an entry would have refused had it been known then (a correction's values, or a fact
     * charted late with its earlier time), each a warning naming the rule, the act and the value; {@code cause} is
     * that entry's number. A prescriber's review obligation follows in the same unit of work.
     */
    @Revision("1")
    record PastDecisionFlagged(String courseId, Entry entry, long cause, List<Finding> findings)
            implements CourseEvent {
    }

    /**
     * The screening rules that read what a correction changed, evaluated again on the corrected values: like the
     * findings of a fact recorded, they replace those rules' earlier findings (before consent, eligibility follows).
     */
    @Revision("1")
    record ScreeningRechecked(String courseId, Entry entry, long correctedEntry, List<RuleId> rechecked,
                              List<Finding> findings) implements CourseEvent {
    }

    /**
     * The course is under {@code to} from this entry on: the client, as recorded now, was screened again under it
     * ({@code findings}, warnings only: an exclusion refuses the move).
     */
    @Revision("1")
    record CourseMigrated(String courseId, Entry entry, ProtocolRef from, ProtocolRef to, String reason, List<Finding> findings)
            implements CourseEvent {
    }

    /** A move to another version refused: under {@code to} the client would be excluded (the findings say by what). */
    @Revision("1")
    record MigrationRefused(String courseId, Entry entry, ProtocolRef from, ProtocolRef to, String reason,
                            List<Finding> findings) implements CourseEvent {
    }

    @Revision("1")
    record CourseEnded(String courseId, Entry entry, String reason) implements CourseEvent {
    }
}
