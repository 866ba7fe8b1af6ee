package org.kap.api.courses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.kap.api.courses.CourseRequests.*;
import org.kap.api.security.CurrentActor;
import org.kap.api.units.QuantityText;
import org.kap.core.course.Actor;
import org.kap.core.course.ClinicalTimeException;
import org.kap.core.course.CourseCommand;
import org.kap.core.course.InvalidCommandException;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.RuleId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * Every command of a course over HTTP. Each answers 200 (201 for screening) with the
 * decision; a safety refusal is recorded and answered 422 with its violations; malformed input is
 * 400 and records nothing; a command that does not fit the course's state is 409.
 */
@RestController
// answers are JSON (problem+json for errors): a request that accepts neither is refused by the mapping, before the
// command runs, so an answer the client cannot read never hides an act that was recorded
@RequestMapping(value = "/api/v1/courses", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Courses", description = "A client's treatment course and every command on it")
public class CourseController {

    private final CourseCommands commands;
    private final CourseQueries queries;
    private final CurrentActor actor;
    private final java.time.Clock clock;

    public CourseController(CourseCommands commands, CourseQueries queries, CurrentActor actor, java.time.Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.actor = actor;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Screen a client: creates the course under a published protocol version (clinician)")
    public ResponseEntity<CourseView> screen(@Valid @RequestBody Screen body) {
        String courseId = body.courseId() == null || body.courseId().isBlank() ? UUID.randomUUID().toString() : body.courseId();
        Instant profileTime = body.at() == null ? clock.instant() : body.at();
        commands.create(new CourseCommand.ScreenClient(courseId, body.clientId(),
                new ProtocolRef(body.protocol().id(), body.protocol().version()), body.indication(),
                body.profile().toProfile(profileTime), actor.get(), body.at()));
        return ResponseEntity.created(URI.create("/api/v1/courses/" + courseId)).body(queries.course(courseId));
    }

    @GetMapping("/{courseId}")
    @Operation(summary = "The course as it stands now, rebuilt from its events")
    public CourseView course(@PathVariable String courseId) {
        return queries.course(courseId);
    }

    @GetMapping
    @Operation(summary = "Courses, newest first; filter by status. Page by number, or from the next of the page before "
            + "(after), which costs the same at any depth")
    public CoursePage courses(@Parameter(example = "active") @RequestParam(required = false) String status,
                              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                              @Parameter(description = "the next of the page before") @RequestParam(required = false) String after) {
        return queries.courses(status, page, size, after);
    }

    @PostMapping("/{courseId}/consent")
    @Operation(summary = "Record the client's consent (clinician)")
    public DecisionView consent(@PathVariable String courseId, @Valid @RequestBody(required = false) At body) {
        Actor by = actor.get();
        return answer(new CourseCommand.RecordConsent(courseId, by, at(body)));
    }

    @PostMapping("/{courseId}/consent-withdrawal")
    @Operation(summary = "Record that the client withdrew consent; ends the course (clinician)")
    public DecisionView withdrawConsent(@PathVariable String courseId, @Valid @RequestBody Reason body) {
        return answer(new CourseCommand.WithdrawConsent(courseId, body.reason(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/findings")
    @Operation(summary = "Record a clinical finding learnt during the course: a pregnancy test, a diagnosis or history item "
            + "found or ruled out, a drug screen, the age, resting vitals (clinician, prescriber). Recorded whatever it shows; "
            + "the answer lists the screening rules it fires, and a new exclusion is refused at the next dosing act")
    public DecisionView finding(@PathVariable String courseId, @Valid @RequestBody ClinicalFindingEntry body) {
        return answer(new CourseCommand.RecordClientFact(courseId, body.toFinding(clock.instant()), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/medications")
    @Operation(summary = "Record a medication taken (a dose with its time), started or stopped (clinician, prescriber)")
    public DecisionView medication(@PathVariable String courseId, @Valid @RequestBody MedicationEntry body) {
        return answer(new CourseCommand.RecordClientFact(courseId, body.toMedication(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/weights")
    @Operation(summary = "Record the client's weight with its measurement time; mg/kg doses from then on use it "
            + "(clinician, prescriber)")
    public DecisionView weight(@PathVariable String courseId, @Valid @RequestBody WeightEntry body) {
        return answer(new CourseCommand.RecordClientFact(courseId, body.toWeight(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/preparation-sessions")
    @Operation(summary = "Record a preparation session (therapist)")
    public DecisionView preparation(@PathVariable String courseId, @Valid @RequestBody(required = false) At body) {
        return answer(new CourseCommand.RecordPreparationSession(courseId, actor.get(), at(body)));
    }

    @PostMapping("/{courseId}/overrides")
    @org.kap.api.security.SignedAct("responsibility")
    @Operation(summary = "Override a relative rule once, with a justification (prescriber; e-signed)")
    public DecisionView override(@PathVariable String courseId, @Valid @RequestBody RuleOverride body) {
        if (!RuleId.isValid(body.ruleId())) {
            throw new InvalidCommandException("ruleId", "'" + body.ruleId() + "' is not a rule id");
        }
        return answer(new CourseCommand.OverrideRule(courseId, RuleId.of(body.ruleId()), body.justification(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/dose-approvals")
    @org.kap.api.security.SignedAct("approval")
    @Operation(summary = "Approve a dose, or a booster within the open session (prescriber; e-signed)")
    public DecisionView approveDose(@PathVariable String courseId, @Valid @RequestBody DoseApproval body) {
        return answer(new CourseCommand.ApproveDose(courseId, body.route(), QuantityText.dose("dose", body.dose()), body.booster(),
                QuantityText.duration("infusionDuration", body.infusionDuration()), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/sessions")
    @Operation(summary = "Start a session: the approved dose is given (clinician)")
    public DecisionView startSession(@PathVariable String courseId, @Valid @RequestBody SessionStart body) {
        Instant when = body.at() == null ? clock.instant() : body.at();
        return answer(new CourseCommand.StartSession(courseId, body.setting(),
                body.preDoseVitals() == null ? null : body.preDoseVitals().toVitals("preDoseVitals", when),
                body.administrationEnd(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/sessions/current/boosters")
    @Operation(summary = "Give the approved booster in the open session (clinician)")
    public DecisionView booster(@PathVariable String courseId, @Valid @RequestBody(required = false) At body) {
        return answer(new CourseCommand.AdministerBooster(courseId, actor.get(), at(body)));
    }

    @PostMapping("/{courseId}/vitals")
    @Operation(summary = "Record in-session vitals; rules may fire on them (clinician)")
    public DecisionView vitals(@PathVariable String courseId, @Valid @RequestBody Reading body) {
        Actor by = actor.get();
        if (body.vitals().measuredAt() == null) {
            // measured now: the course stamps the reading when it takes the command
            return answer(new CourseCommand.RecordVitals(courseId, body.vitals().toVitals("vitals", clock.instant()), true, by));
        }
        try {
            return answer(new CourseCommand.RecordVitals(courseId, body.vitals().toVitals("vitals", null), by));
        } catch (ClinicalTimeException e) {
            if (e.malformed()) {
                // the reading's time is its clinical time: name the field the caller sent
                throw new InvalidCommandException("vitals.measuredAt", e.getMessage());
            }
            throw e;
        }
    }

    @PostMapping("/{courseId}/session-scores")
    @Operation(summary = "Record a score assessed in the open session (MOAA/S, PADSS, Aldrete, CADSS or an outcome "
            + "instrument); the protocol's rules over it may fire, and discharge reads the latest one a discharge does not give "
            + "(clinician)")
    public DecisionView sessionScore(@PathVariable String courseId, @Valid @RequestBody CourseRequests.SessionScore body) {
        try {
            return answer(new CourseCommand.RecordSessionScore(courseId, body.instrument(), body.score(), actor.get(), body.at()));
        } catch (ClinicalTimeException e) {
            if (e.malformed()) {
                throw new InvalidCommandException("at", e.getMessage());
            }
            throw e;
        }
    }

    @PostMapping("/{courseId}/adverse-events")
    @Operation(summary = "Record an adverse event, graded CTCAE 1-5 with FDA seriousness (clinician)")
    public DecisionView adverseEvent(@PathVariable String courseId, @Valid @RequestBody AdverseEvent body) {
        return answer(new CourseCommand.RecordAdverseEvent(courseId, body.type(), body.grade(), body.seriousness(),
                body.description(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/adverse-events/{adverseEventId}/resolution")
    @Operation(summary = "Resolve an adverse event (clinician)")
    public DecisionView resolve(@PathVariable String courseId, @PathVariable String adverseEventId,
                                @Valid @RequestBody Resolution body) {
        return answer(new CourseCommand.ResolveAdverseEvent(courseId, adverseEventId, body.resolution(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/discharge")
    @Operation(summary = "Discharge the client: ends observation of the open session (clinician)")
    public DecisionView discharge(@PathVariable String courseId, @Valid @RequestBody Discharge body) {
        return answer(new CourseCommand.DischargeClient(courseId, body.scores(), body.escortPresent(), body.transport(),
                actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/sessions/current/closure")
    @Operation(summary = "End the open session otherwise than by discharge: transfer to emergency care, admission, leaving "
            + "against advice (clinician, prescriber); the protocol says what follows")
    public DecisionView closeSession(@PathVariable String courseId, @Valid @RequestBody SessionClosure body) {
        return answer(new CourseCommand.CloseSession(courseId, body.disposition(), body.note(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/integrations")
    @Operation(summary = "Record the integration session after the latest dosing session (therapist)")
    public DecisionView integration(@PathVariable String courseId, @Valid @RequestBody(required = false) At body) {
        return answer(new CourseCommand.CompleteIntegration(courseId, actor.get(), at(body)));
    }

    @PostMapping("/{courseId}/outcome-measures")
    @Operation(summary = "Record an outcome measure (clinician, therapist)")
    public DecisionView outcome(@PathVariable String courseId, @Valid @RequestBody OutcomeMeasure body) {
        return answer(new CourseCommand.RecordOutcomeMeasure(courseId, body.instrument(), body.score(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/obligations/{obligationId}/fulfilment")
    @Operation(summary = "Fulfil an obligation, e.g. the monitoring form (clinician, prescriber; a prescriber's review "
            + "only by a prescriber)")
    public DecisionView fulfil(@PathVariable String courseId, @PathVariable String obligationId,
                               @Valid @RequestBody(required = false) At body) {
        return answer(new CourseCommand.FulfilObligation(courseId, obligationId, actor.get(), at(body)));
    }

    @PostMapping("/{courseId}/reviews")
    @org.kap.api.security.SignedAct("review")
    @Operation(summary = "Review a halted course or one at a review point: resume or end (prescriber; e-signed)")
    public DecisionView review(@PathVariable String courseId, @Valid @RequestBody Review body) {
        return answer(new CourseCommand.ReviewCourse(courseId, body.decision(), body.reason(), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/corrections")
    @org.kap.api.security.SignedAct("authorship")
    @Operation(summary = "Correct an earlier entry; the original stays in the history (its author, a clinician or a "
            + "prescriber). With corrected values the course decides on them from now on, and past decisions they would "
            + "have refused are flagged for a prescriber's review")
    public DecisionView correct(@PathVariable String courseId, @Valid @RequestBody Correction body) {
        return answer(new CourseCommand.CorrectEntry(courseId, body.entryNumber(), body.correction(), body.reason(),
                body.corrected() == null ? null : body.corrected().toValues(clock.instant()), actor.get(), body.at()));
    }

    @PostMapping("/{courseId}/end")
    @Operation(summary = "End the course (prescriber)")
    public DecisionView end(@PathVariable String courseId, @Valid @RequestBody Reason body) {
        return answer(new CourseCommand.EndCourse(courseId, body.reason(), actor.get(), body.at()));
    }

    private DecisionView answer(CourseCommand command) {
        return DecisionView.of(command.courseId(), commands.send(command));
    }

    private static Instant at(At body) {
        return body == null ? null : body.at();
    }
}
