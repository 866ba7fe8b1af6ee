package org.kap.core.course;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.adverse.TriggeredAction;
import org.kap.core.course.CourseCommand.AdministerBooster;
import org.kap.core.course.CourseCommand.ApproveDose;
import org.kap.core.course.CourseCommand.CompleteIntegration;
import org.kap.core.course.CourseCommand.CorrectEntry;
import org.kap.core.course.CourseCommand.DischargeClient;
import org.kap.core.course.CourseCommand.EndCourse;
import org.kap.core.course.CourseCommand.FulfilObligation;
import org.kap.core.course.CourseCommand.OverrideRule;
import org.kap.core.course.CourseCommand.RecordAdverseEvent;
import org.kap.core.course.CourseCommand.RecordConsent;
import org.kap.core.course.CourseCommand.RecordOutcomeMeasure;
import org.kap.core.course.CourseCommand.RecordPreparationSession;
import org.kap.core.course.CourseCommand.RecordVitals;
import org.kap.core.course.CourseCommand.ResolveAdverseEvent;
import org.kap.core.course.CourseCommand.ReviewCourse;
import org.kap.core.course.CourseCommand.ReviewDecision;
import org.kap.core.course.CourseCommand.ScreenClient;
import org.kap.core.course.CourseCommand.StartSession;
import org.kap.core.course.CourseCommand.WithdrawConsent;
import org.kap.core.course.CourseEvent.*;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.obligation.ObligationRule;
import org.kap.core.outcome.OutcomeRule.ReviewPoint;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolCatalog;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Finding;
import org.kap.core.rule.Role;
import org.kap.core.rule.RuleId;
import org.kap.core.sequencing.SequencingRule.IntegrationBeforeNextDose;
import org.kap.core.sequencing.SequencingRule.IntegrationWindow;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One client's treatment course under one pinned protocol version: the aggregate. Every rule that
 * spans sessions is checked here, so the course is consistent without locks beyond the event
 * store's sequence numbers.
 *
 * <p>Each handler takes the clinical time, asks a pure decision function of the protocol, and
 * records the outcome: a refusal by a safety rule is an event and a {@link Decision}, never an
 * exception; a command that does not fit the course's state throws a {@link CourseException} and
 * records nothing. The protocol catalog and the time policy are injected as handler parameters.
 */
public class TreatmentCourse {

    @AggregateIdentifier
    private String courseId;
    private CourseState state;

    protected TreatmentCourse() {
        // for event sourcing
    }

    @CommandHandler
    public TreatmentCourse(ScreenClient command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Protocol protocol = catalog.require(command.protocol());
        if (protocol.status() != ProtocolStatus.ACTIVE) {
            throw new CourseStateConflict("protocol " + protocol.ref() + " is " + protocol.status().name().toLowerCase()
                    + "; only an active protocol screens new clients");
        }
        Instant at = time.clinicalTime(command.at(), null);
        List<Finding> findings = ScreeningDecision.findings(protocol, command.indication(), command.profile(), at);
        Instant now = time.now();
        apply(new ClientScreened(command.courseId(), new Entry(1, command.actor(), at, now, time.isLate(at, now)),
                command.clientId(), command.protocol(), command.indication(), command.profile(), findings));
    }

    @CommandHandler
    public Decision handle(RecordConsent command, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        switch (state.status()) {
            case SCREENED -> apply(new ConsentRecorded(courseId, entry(command, at, time)));
            case INELIGIBLE -> throw new CourseStateConflict("the client is not eligible: "
                    + state.openExclusions().stream().map(Finding::toString).toList());
            default -> throw new CourseStateConflict("consent is already recorded");
        }
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(WithdrawConsent command, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        if (!state.consented()) {
            throw new CourseStateConflict("no consent is recorded to withdraw; a prescriber ends a course that never started");
        }
        requireNoOpenSession("withdraw consent");
        apply(new ConsentWithdrawn(courseId, entry(command, at, time), command.reason()));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(RecordPreparationSession command, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        requireConsent();
        apply(new PreparationSessionRecorded(courseId, entry(command, at, time), state.preparationSessions() + 1));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(OverrideRule command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        Decision decision = OverrideDecision.decide(protocol(catalog), state, command);
        Entry entry = entry(command, at, time);
        if (decision.refused()) {
            apply(new OverrideRefused(courseId, entry, command.ruleId(), command.justification(), decision.findings()));
        } else {
            apply(new RuleOverridden(courseId, entry, command.ruleId(), command.justification()));
        }
        return decision;
    }

    @CommandHandler
    public Decision handle(ApproveDose command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        requireConsent();
        if (command.booster()) {
            SessionRecord open = state.openSession().orElseThrow(() ->
                    new CourseStateConflict("a booster is given within an open session; there is none"));
            if (open.route() != command.route()) {
                throw new CourseStateConflict("session " + open.number() + " is " + open.route().code()
                        + "; a booster by " + command.route().code() + " does not belong to it");
            }
            if (open.stoppedBy().isPresent()) {
                throw new CourseStateConflict("session " + open.number() + " was stopped by " + open.stoppedBy().get()
                        + "; no further dose may be given in it");
            }
        } else {
            requireNoOpenSession("approve the next session's dose");
        }
        Decision decision = DosingDecision.decide(protocol(catalog), state, command, at, time.clinicZone());
        Entry entry = entry(command, at, time);
        if (decision.refused()) {
            apply(new DoseApprovalRefused(courseId, entry, command.route(), command.dose(), command.booster(),
                    command.infusionDuration(), decision.findings()));
        } else {
            apply(new DoseApproved(courseId, entry, state.nextApprovalId(), command.route(), command.dose(),
                    command.dose().inMilligrams(state.profile().weight()), command.booster(), command.infusionDuration(),
                    decision.findings()));
        }
        return decision;
    }

    @CommandHandler
    public Decision handle(StartSession command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        requireConsent();
        requireNoOpenSession("start another session");
        PendingApproval approval = state.pendingApproval().filter(a -> !a.booster())
                .orElseThrow(() -> new CourseStateConflict("there is no approved dose to give"));
        Instant administrationEnd = administrationEnd(command, approval, at);
        Decision decision = SessionDecision.decide(protocol(catalog), state, command, approval, at, time.clinicZone());
        Entry entry = entry(command, at, time);
        if (decision.refused()) {
            apply(new SessionStartRefused(courseId, entry, approval.approvalId(), command.setting(), command.preDoseVitals(),
                    command.administrationEnd(), decision.findings()));
        } else {
            apply(new SessionStarted(courseId, entry, state.sessions().size() + 1, approval.approvalId(), approval.route(),
                    approval.amount(), command.setting(), command.preDoseVitals(), administrationEnd, decision.findings()));
        }
        return decision;
    }

    @CommandHandler
    public Decision handle(AdministerBooster command, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        SessionRecord open = requireOpenSession("give a booster");
        PendingApproval approval = state.pendingApproval().filter(PendingApproval::booster)
                .orElseThrow(() -> new CourseStateConflict("there is no approved booster to give"));
        apply(new BoosterAdministered(courseId, entry(command, at, time), open.number(), approval.approvalId(),
                approval.amount()));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(RecordVitals command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        if (state.ended()) {
            throw new CourseStateConflict("the course has ended");
        }
        if (!command.measuredNow()) {
            time.clinicalTime(command.vitals().measuredAt(), null); // a reading from the future is refused whatever the state
        }
        SessionRecord open = requireOpenSession("record in-session vitals");
        // a reading may be charted after later acts of its session (a late entry), never before the session
        Instant at = command.measuredNow() ? begin(command, time) : time.observationTime(command.vitals().measuredAt(), open.startedAt());
        Protocol protocol = protocol(catalog);
        VitalSigns reading = command.measuredNow() ? command.vitals().measuredAt(at) : command.vitals();
        var fired = DataTriggers.onVitals(protocol, open, reading);
        apply(new VitalsRecorded(courseId, entry(command, at, time), open.number(), reading));
        List<Finding> findings = new ArrayList<>();
        for (var trigger : fired) {
            apply(new VitalTriggerFired(courseId, entry(command, at, time), open.number(), List.of(trigger.finding())));
            findings.add(trigger.finding());
            act(protocol, trigger.rule().actions(), trigger.rule().info().id(), null, command.actor(), at, time, findings);
        }
        return Decision.of(findings);
    }

    @CommandHandler
    public Decision handle(RecordAdverseEvent command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        List<Finding> findings = new ArrayList<>();
        recordAdverseEvent(protocol(catalog), command.type(), command.grade(), command.seriousness(),
                command.description(), null, command.actor(), at, time, findings);
        return Decision.of(findings);
    }

    @CommandHandler
    public Decision handle(ResolveAdverseEvent command, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        AdverseEventRecord ae = state.adverseEvent(command.adverseEventId()).orElseThrow(() ->
                new UnknownReferenceException("the course has no adverse event " + command.adverseEventId()));
        if (!ae.open()) {
            throw new CourseStateConflict("adverse event " + ae.id() + " is already resolved");
        }
        apply(new AdverseEventResolved(courseId, entry(command, at, time), ae.id(), command.resolution()));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(DischargeClient command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        SessionRecord open = requireOpenSession("discharge");
        Protocol protocol = protocol(catalog);
        Decision decision = DischargeDecision.decide(protocol, state, open, command, at);
        if (decision.refused()) {
            apply(new DischargeRefused(courseId, entry(command, at, time), open.number(), command.scores(),
                    command.escortPresent(), command.transport(), decision.findings()));
            return decision;
        }
        boolean integrationExpected = protocol.sequencing().stream().anyMatch(rule ->
                rule instanceof IntegrationBeforeNextDose || rule instanceof IntegrationWindow window && window.appliesTo(open.route()));
        apply(new ClientDischarged(courseId, entry(command, at, time), open.number(),
                java.time.Duration.between(open.startedAt(), at), integrationExpected, command.scores(), command.escortPresent(),
                command.transport(), decision.findings()));
        for (ObligationRule rule : protocol.obligations()) {
            apply(new ObligationCreated(courseId, entry(command, at, time), state.nextObligationId(), rule.kind(),
                    at.plus(rule.dueWithin()), rule.blocksDosingWhenOverdue(), rule.info().id(), open.number(), null));
        }
        return decision;
    }

    @CommandHandler
    public Decision handle(CompleteIntegration command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        SessionRecord session = state.lastSession().filter(SessionRecord::awaitingIntegration)
                .orElseThrow(() -> new CourseStateConflict("no discharged session awaits integration"));
        Decision decision = IntegrationDecision.decide(protocol(catalog), state, session, at);
        apply(new IntegrationCompleted(courseId, entry(command, at, time), session.number(), decision.findings().isEmpty(),
                decision.findings()));
        return decision;
    }

    @CommandHandler
    public Decision handle(RecordOutcomeMeasure command, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        apply(new OutcomeMeasureRecorded(courseId, entry(command, at, time), command.instrument(), command.score(),
                state.sessionsCompleted()));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(FulfilObligation command, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        ObligationRecord obligation = state.obligation(command.obligationId()).orElseThrow(() ->
                new UnknownReferenceException("the course has no obligation " + command.obligationId()));
        if (!obligation.open()) {
            throw new CourseStateConflict("obligation " + obligation.id() + " is already fulfilled");
        }
        apply(new ObligationFulfilled(courseId, entry(command, at, time), obligation.id(), at.isAfter(obligation.due())));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(CourseCommand.MarkObligationOverdue command, ClinicalTimePolicy time) {
        // the scheduler's own act: never before the latest recorded act, and allowed on an ended course (a report may still be due)
        Instant given = time.clinicalTime(command.at(), null);
        Instant at = state.latestAct() != null && given.isBefore(state.latestAct()) ? state.latestAct() : given;
        ObligationRecord obligation = state.obligation(command.obligationId()).orElseThrow(() ->
                new UnknownReferenceException("the course has no obligation " + command.obligationId()));
        if (!obligation.overdueAt(at) || obligation.markedOverdueAt() != null) {
            throw new CourseStateConflict("obligation " + obligation.id() + " is not newly overdue");
        }
        apply(new CourseEvent.ObligationOverdue(courseId, entry(command, at, time), obligation.id(), obligation.due()));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(ReviewCourse command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        Protocol protocol = protocol(catalog);
        List<ObligationRecord> reviewsDue = state.obligations().stream()
                .filter(o -> o.open() && o.kind() == ObligationKind.PRESCRIBER_REVIEW).toList();
        boolean reviewPointDue = protocol.rulesOf(ReviewPoint.class).stream()
                .anyMatch(point -> Blocks.reviewDue(point, state).isPresent());
        if (state.haltedBy().isEmpty() && !reviewPointDue && reviewsDue.isEmpty()) {
            throw new CourseStateConflict("the course is neither halted nor due for review");
        }
        if (command.decision() == ReviewDecision.END) {
            requireNoOpenSession("end the course");
        }
        apply(new CourseReviewed(courseId, entry(command, at, time), command.decision(), command.reason(),
                state.sessionsCompleted()));
        for (ObligationRecord review : reviewsDue) {
            apply(new ObligationFulfilled(courseId, entry(command, at, time), review.id(), at.isAfter(review.due())));
        }
        if (command.decision() == ReviewDecision.END) {
            apply(new CourseEnded(courseId, entry(command, at, time), command.reason()));
        }
        return Decision.allowed();
    }

    /** Corrections are accepted after the course ended too: a record stays correctable as long as it is kept. */
    @CommandHandler
    public Decision handle(CorrectEntry command, ClinicalTimePolicy time) {
        Instant at = time.clinicalTime(command.at(), state.latestAct());
        String author = state.authorOf(command.entryNumber()).orElseThrow(() ->
                new UnknownReferenceException("the course has no entry " + command.entryNumber()));
        boolean permitted = author.equals(command.actor().id()) || command.actor().role() == Role.CLINICIAN;
        if (!permitted) {
            throw new NotPermittedException("entry " + command.entryNumber() + " may be corrected by its author or a clinician");
        }
        apply(new EntryCorrected(courseId, entry(command, at, time), command.entryNumber(), command.correction(),
                command.reason()));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(EndCourse command, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        requireNoOpenSession("end the course");
        apply(new CourseEnded(courseId, entry(command, at, time), command.reason()));
        return Decision.allowed();
    }

    @EventSourcingHandler
    void on(CourseEvent event) {
        if (event instanceof ClientScreened screened) {
            courseId = screened.courseId();
            state = new CourseState();
        }
        state.apply(event);
    }

    /** The course as its events made it; read-only use. */
    public CourseState state() {
        return state;
    }

    // ---- data rules: actions in the same unit of work -------------------------------------------

    private void recordAdverseEvent(Protocol protocol, AdverseEventType type, int grade, Set<Seriousness> seriousness,
                                    String description, RuleId triggeredBy, Actor actor, Instant at,
                                    ClinicalTimePolicy time, List<Finding> findings) {
        String id = state.nextAdverseEventId();
        Integer session = state.openSession().map(SessionRecord::number).orElse(null);
        apply(new AdverseEventRecorded(courseId, entry(actor, at, time), id, session, type, grade, seriousness,
                description, triggeredBy));
        for (var fired : DataTriggers.onAdverseEvent(protocol, id, type, grade, !seriousness.isEmpty())) {
            findings.add(fired.finding());
            act(protocol, fired.rule().actions(), fired.rule().info().id(), id, actor, at, time, findings);
        }
    }

    private void act(Protocol protocol, List<TriggeredAction> actions, RuleId ruleId, String adverseEventId, Actor actor,
                     Instant at, ClinicalTimePolicy time, List<Finding> findings) {
        for (TriggeredAction action : actions) {
            var open = state.openSession();
            if (action instanceof TriggeredAction.ExtendObservation extend && open.isPresent()) {
                apply(new ObservationExtended(courseId, entry(actor, at, time), open.get().number(), ruleId, extend.extra()));
            } else if (action instanceof TriggeredAction.StopSession && open.isPresent() && open.get().stoppedBy().isEmpty()) {
                apply(new SessionStopped(courseId, entry(actor, at, time), open.get().number(), ruleId));
            } else if (action instanceof TriggeredAction.HaltCourse && state.haltedBy().isEmpty()) {
                apply(new CourseHalted(courseId, entry(actor, at, time), ruleId, adverseEventId));
            } else if (action instanceof TriggeredAction.CreateObligation obligation) {
                apply(new ObligationCreated(courseId, entry(actor, at, time), state.nextObligationId(), obligation.kind(),
                        at.plus(obligation.dueWithin()), obligation.blocksDosingWhenOverdue(), ruleId,
                        open.map(SessionRecord::number).orElse(null), adverseEventId));
            } else if (action instanceof TriggeredAction.RaiseAdverseEvent raise) {
                recordAdverseEvent(protocol, raise.type(), raise.grade(), raise.seriousness(),
                        "raised by " + ruleId, ruleId, actor, at, time, findings);
            }
        }
    }

    // ---- state guards ----------------------------------------------------------------------------

    /** The clinical time of the act, after refusing any act on an ended course. */
    private Instant begin(CourseCommand command, ClinicalTimePolicy time) {
        if (state.ended()) {
            throw new CourseStateConflict("the course has ended");
        }
        return time.clinicalTime(command.at(), state.latestAct());
    }

    private void requireConsent() {
        if (!state.consented()) {
            throw new CourseStateConflict(state.eligible()
                    ? "consent is not recorded"
                    : "the client is not eligible and has not consented");
        }
    }

    private SessionRecord requireOpenSession(String what) {
        return state.openSession().orElseThrow(() -> new CourseStateConflict("no session is open to " + what));
    }

    private void requireNoOpenSession(String what) {
        state.openSession().ifPresent(open -> {
            throw new CourseStateConflict("session " + open.number() + " is still open; discharge the client before you "
                    + what);
        });
    }

    private static Instant administrationEnd(StartSession command, PendingApproval approval, Instant at) {
        if (command.administrationEnd() != null) {
            if (command.administrationEnd().isBefore(at)) {
                throw new InvalidCommandException("administrationEnd", "cannot be before the session starts");
            }
            return command.administrationEnd();
        }
        return approval.infusionDuration() == null ? at : at.plus(approval.infusionDuration());
    }

    private Protocol protocol(ProtocolCatalog catalog) {
        return catalog.require(state.protocol());
    }

    private Entry entry(CourseCommand command, Instant at, ClinicalTimePolicy time) {
        return entry(command.actor(), at, time);
    }

    private Entry entry(Actor actor, Instant at, ClinicalTimePolicy time) {
        Instant now = time.now();
        return new Entry(state.entries() + 1, actor, at, now, time.isLate(at, now));
    }
}
