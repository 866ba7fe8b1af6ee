package org.kap.core.course;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.dosing.Route;
import org.kap.core.facts.ClientFact;
import org.kap.core.observation.Transport;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.RuleId;
import org.kap.core.screening.ClientProfile;
import org.kap.core.session.SettingFeature;
import org.kap.core.units.Dose;
import org.kap.core.vitals.VitalSigns;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.kap.core.course.InvalidCommandException.required;
import static org.kap.core.course.InvalidCommandException.text;

/**
 * What clinical systems ask of a course. Each carries the acting principal and, where
 * given, the clinical time of the act ({@code at}; null means now). Malformed fields are rejected
 * on construction, before anything reaches the course.
 */
public sealed interface CourseCommand {

    String courseId();

    Actor actor();

    /** The clinical time given by the caller, or null for the server's now. */
    Instant at();

    /** Creates the course and records the screening under the named protocol version. */
    record ScreenClient(@TargetAggregateIdentifier String courseId, String clientId, ProtocolRef protocol,
                        Indication indication, ClientProfile profile, Actor actor, Instant at) implements CourseCommand {
        public ScreenClient {
            text(courseId, "courseId");
            text(clientId, "clientId");
            required(protocol, "protocol");
            required(indication, "indication");
            required(profile, "profile");
            required(actor, "actor");
        }
    }

    record RecordConsent(@TargetAggregateIdentifier String courseId, Actor actor, Instant at) implements CourseCommand {
        public RecordConsent {
            text(courseId, "courseId");
            required(actor, "actor");
        }
    }

    record WithdrawConsent(@TargetAggregateIdentifier String courseId, String reason, Actor actor, Instant at)
            implements CourseCommand {
        public WithdrawConsent {
            text(courseId, "courseId");
            text(reason, "reason");
            required(actor, "actor");
        }
    }

    /**
     * A fact about the client learnt during the course, at the time it was measured or happened: a clinical
     * finding (a pregnancy test, a new diagnosis, a drug screen), a medication taken, started or stopped, a
     * weight. It may be charted after later acts (flagged late), never before screening.
     */
    record RecordClientFact(@TargetAggregateIdentifier String courseId, ClientFact fact, Actor actor, Instant at)
            implements CourseCommand {
        public RecordClientFact {
            text(courseId, "courseId");
            required(fact, "fact");
            required(actor, "actor");
        }
    }

    record RecordPreparationSession(@TargetAggregateIdentifier String courseId, Actor actor, Instant at)
            implements CourseCommand {
        public RecordPreparationSession {
            text(courseId, "courseId");
            required(actor, "actor");
        }
    }

    /** A prescriber lifts one relative rule once, with a written justification. */
    record OverrideRule(@TargetAggregateIdentifier String courseId, RuleId ruleId, String justification, Actor actor,
                        Instant at) implements CourseCommand {
        public OverrideRule {
            text(courseId, "courseId");
            required(ruleId, "ruleId");
            text(justification, "justification");
            required(actor, "actor");
        }
    }

    /**
     * A prescriber approves a dose. A booster is an extra dose within the open session; it counts
     * toward the session's maximum. {@code infusionDuration} is given for infusions only.
     */
    record ApproveDose(@TargetAggregateIdentifier String courseId, Route route, Dose dose, boolean booster,
                       Duration infusionDuration, Actor actor, Instant at) implements CourseCommand {
        public ApproveDose {
            text(courseId, "courseId");
            required(route, "route");
            required(dose, "dose");
            if (dose.value().signum() == 0) {
                throw new InvalidCommandException("dose", "must be above zero");
            }
            if (infusionDuration != null && (infusionDuration.isNegative() || infusionDuration.isZero())) {
                throw new InvalidCommandException("infusionDuration", "must be above zero");
            }
            required(actor, "actor");
        }
    }

    /**
     * The approved dose is given. The clinician confirms the setting and gives the pre-dose vitals;
     * {@code administrationEnd} is when the last device was given or the infusion ended (null: at once).
     */
    record StartSession(@TargetAggregateIdentifier String courseId, Set<SettingFeature> setting, VitalSigns preDoseVitals,
                        Instant administrationEnd, Actor actor, Instant at) implements CourseCommand {
        public StartSession {
            text(courseId, "courseId");
            setting = Set.copyOf(setting == null ? Set.of() : setting);
            required(actor, "actor");
        }
    }

    /** The approved booster is given in the open session. */
    record AdministerBooster(@TargetAggregateIdentifier String courseId, Actor actor, Instant at) implements CourseCommand {
        public AdministerBooster {
            text(courseId, "courseId");
            required(actor, "actor");
        }
    }

    /**
     * A score assessed during the open session (MOAA/S, PADSS, Aldrete, CADSS or an outcome instrument), at its clinical
     * time ({@code at}; the course's now when absent). Like a reading it is a fact, never refused for its value; a
     * vital-sign rule over the instrument fires on it.
     */
    record RecordSessionScore(@TargetAggregateIdentifier String courseId, org.kap.core.outcome.Instrument instrument, int score,
                              Actor actor, Instant at) implements CourseCommand {
        public RecordSessionScore {
            text(courseId, "courseId");
            required(instrument, "instrument");
            required(actor, "actor");
            if (!instrument.inRange(score)) {
                throw new InvalidCommandException("score", instrument.label() + " scores range " + instrument.min() + "-"
                        + instrument.max() + "; got " + score);
            }
        }
    }

    /**
     * Vitals taken in the open session; the clinical time is when they were measured. With
     * {@code measuredNow} the course stamps the reading with its own now when it takes the command, so
     * a reading sent as "just measured" is never refused for being overtaken by a concurrent act.
     */
    record RecordVitals(@TargetAggregateIdentifier String courseId, VitalSigns vitals, boolean measuredNow, Actor actor)
            implements CourseCommand {
        public RecordVitals {
            text(courseId, "courseId");
            required(vitals, "vitals");
            required(actor, "actor");
        }

        /** A reading with its measurement time. */
        public RecordVitals(String courseId, VitalSigns vitals, Actor actor) {
            this(courseId, vitals, false, actor);
        }

        @Override
        public Instant at() {
            return measuredNow ? null : vitals.measuredAt();
        }
    }

    /** An adverse event, graded on CTCAE (1-5) with the FDA seriousness criteria it meets (none: not serious). */
    record RecordAdverseEvent(@TargetAggregateIdentifier String courseId, AdverseEventType type, int grade,
                              Set<Seriousness> seriousness, String description, Actor actor, Instant at)
            implements CourseCommand {
        public RecordAdverseEvent {
            text(courseId, "courseId");
            required(type, "type");
            if (grade < 1 || grade > 5) {
                throw new InvalidCommandException("grade", "a CTCAE grade is 1 to 5; got " + grade);
            }
            seriousness = Set.copyOf(seriousness == null ? Set.of() : seriousness);
            description = description == null ? "" : description;
            required(actor, "actor");
        }
    }

    record ResolveAdverseEvent(@TargetAggregateIdentifier String courseId, String adverseEventId, String resolution,
                               Actor actor, Instant at) implements CourseCommand {
        public ResolveAdverseEvent {
            text(courseId, "courseId");
            text(adverseEventId, "adverseEventId");
            text(resolution, "resolution");
            required(actor, "actor");
        }
    }

    /** Ends observation. Scores are those taken at discharge (MOAA/S, PADSS, Aldrete). */
    record DischargeClient(@TargetAggregateIdentifier String courseId, Map<Instrument, Integer> scores,
                           boolean escortPresent, Transport transport, Actor actor, Instant at) implements CourseCommand {
        public DischargeClient {
            text(courseId, "courseId");
            scores = Map.copyOf(scores == null ? Map.of() : scores);
            scores.forEach(DischargeClient::requireInRange);
            required(actor, "actor");
        }

        private static void requireInRange(Instrument instrument, Integer score) {
            if (score == null || !instrument.inRange(score)) {
                throw new InvalidCommandException("scores." + instrument.code(),
                        instrument.label() + " scores range " + instrument.min() + "-" + instrument.max() + "; got " + score);
            }
        }
    }

    /**
     * The open session ends otherwise than by a discharge: the client is transferred to emergency care, admitted, or
     * leaves against advice. It closes the session and its observation; {@code note} says what happened.
     */
    record CloseSession(@TargetAggregateIdentifier String courseId, org.kap.core.observation.Disposition disposition,
                        String note, Actor actor, Instant at) implements CourseCommand {
        public CloseSession {
            text(courseId, "courseId");
            required(disposition, "disposition");
            text(note, "note");
            required(actor, "actor");
        }
    }

    /** The integration session after the latest discharged dosing session. */
    record CompleteIntegration(@TargetAggregateIdentifier String courseId, Actor actor, Instant at) implements CourseCommand {
        public CompleteIntegration {
            text(courseId, "courseId");
            required(actor, "actor");
        }
    }

    record RecordOutcomeMeasure(@TargetAggregateIdentifier String courseId, Instrument instrument, int score, Actor actor,
                                Instant at) implements CourseCommand {
        public RecordOutcomeMeasure {
            text(courseId, "courseId");
            required(instrument, "instrument");
            if (!instrument.inRange(score)) {
                throw new InvalidCommandException("score", instrument.label() + " scores range " + instrument.min() + "-"
                        + instrument.max() + "; got " + score);
            }
            required(actor, "actor");
        }
    }

    record FulfilObligation(@TargetAggregateIdentifier String courseId, String obligationId, Actor actor, Instant at)
            implements CourseCommand {
        public FulfilObligation {
            text(courseId, "courseId");
            text(obligationId, "obligationId");
            required(actor, "actor");
        }
    }

    /**
     * An obligation's deadline has passed. Sent by the engine's scheduler, not by people: the
     * record of when it became overdue is part of the course.
     */
    record MarkObligationOverdue(@TargetAggregateIdentifier String courseId, String obligationId, Actor actor, Instant at)
            implements CourseCommand {
        public MarkObligationOverdue {
            text(courseId, "courseId");
            text(obligationId, "obligationId");
            required(actor, "actor");
        }
    }

    enum ReviewDecision { RESUME, END }

    /** A prescriber's review of a halted course or one at a review point: resume dosing, or end the course. */
    record ReviewCourse(@TargetAggregateIdentifier String courseId, ReviewDecision decision, String reason, Actor actor,
                        Instant at) implements CourseCommand {
        public ReviewCourse {
            text(courseId, "courseId");
            required(decision, "decision");
            text(reason, "reason");
            required(actor, "actor");
        }
    }

    /**
     * Corrects an earlier entry. The original stays in the history; the correction references it by
     * entry number and says what the right value is and why. With {@code corrected} values the course
     * uses them from then on, and flags past decisions they would have refused.
     */
    record CorrectEntry(@TargetAggregateIdentifier String courseId, long entryNumber, String correction, String reason,
                        CorrectedValues corrected, Actor actor, Instant at) implements CourseCommand {

        /** A correction in words only: recorded beside the entry; the course's values do not change. */
        public CorrectEntry(String courseId, long entryNumber, String correction, String reason, Actor actor, Instant at) {
            this(courseId, entryNumber, correction, reason, null, actor, at);
        }

        public CorrectEntry {
            text(courseId, "courseId");
            if (entryNumber < 1) {
                throw new InvalidCommandException("entryNumber", "entries are numbered from 1");
            }
            text(correction, "correction");
            text(reason, "reason");
            required(actor, "actor");
        }
    }

    /**
     * Moves a running course to another version of its protocol, from this act on: a prescriber's signed act, taken
     * after a preview. The course keeps the version it ran under until now for everything before.
     */
    record MigrateCourse(@TargetAggregateIdentifier String courseId, ProtocolRef to, String reason, Actor actor, Instant at)
            implements CourseCommand {
        public MigrateCourse {
            text(courseId, "courseId");
            required(to, "protocol");
            text(reason, "reason");
            required(actor, "actor");
        }
    }

    record EndCourse(@TargetAggregateIdentifier String courseId, String reason, Actor actor, Instant at)
            implements CourseCommand {
        public EndCourse {
            text(courseId, "courseId");
            text(reason, "reason");
            required(actor, "actor");
        }
    }
}
