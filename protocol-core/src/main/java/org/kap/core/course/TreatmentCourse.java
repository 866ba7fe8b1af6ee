package org.kap.core.course;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.adverse.TriggeredAction;
import org.kap.core.facts.ClientFact;
import org.kap.core.facts.ClinicalFinding;
import org.kap.core.facts.MedicationChange;
import org.kap.core.facts.WeightMeasurement;
import org.kap.core.screening.ScreeningRule;
import org.kap.core.course.CourseCommand.AdministerBooster;
import org.kap.core.course.CourseCommand.ApproveDose;
import org.kap.core.course.CourseCommand.CompleteIntegration;
import org.kap.core.course.CourseCommand.CorrectEntry;
import org.kap.core.course.CourseCommand.DischargeClient;
import org.kap.core.course.CourseCommand.EndCourse;
import org.kap.core.course.CourseCommand.FulfilObligation;
import org.kap.core.course.CourseCommand.MigrateCourse;
import org.kap.core.course.CourseCommand.OverrideRule;
import org.kap.core.course.CourseCommand.RecordAdverseEvent;
import org.kap.core.course.CourseCommand.RecordClientFact;
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
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolCatalog;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Finding;
import org.kap.core.rule.Role;
import org.kap.core.rule.RuleId;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One client's treatment course under a pinned protocol version (a prescriber may move it to another version of the
 * same protocol; the course keeps which version applied from when): the aggregate. Every rule that
 * spans sessions is checked here, so the course is consistent without locks beyond the event
 * store's sequence numbers.
 *
 * <p>Each handler takes the clinical time, asks a pure decision function of the protocol, and
 * records the outcome: a refusal by a safety rule is an event and a {@link Decision}, never an
 * exception; a command that does not fit the course's state throws a {@link CourseException} and
 * records nothing. A dosing act the course cannot allow in its state (no consent, an ineligible
 * client, an open session, an ended course) is a refusal too, recorded with who tried. Every act is
 * first checked against the roles that may perform it ({@link ActPermissions}). The protocol catalog
 * and the time policy are injected as handler parameters.
 *
 * <p>The revision names the shape of the course's snapshots: a snapshot of another revision is
 * ignored and the course is rebuilt from its events. 5: the state keeps the latest clinical and recording time of all
 * its entries.
 */
@Revision("5")
public class TreatmentCourse {

    /** No dose of a session is given over longer than this: a day covers every infusion a protocol allows. */
    static final java.time.Duration LONGEST_ADMINISTRATION = java.time.Duration.ofHours(24);

    @AggregateIdentifier
    private String courseId;
    private CourseState state;

    protected TreatmentCourse() {
        // for event sourcing
    }

    @CommandHandler
    public TreatmentCourse(ScreenClient command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        ActPermissions.require(command);
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
    public Decision handle(RecordClientFact command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        ActPermissions.require(command);
        if (state.ended()) {
            throw new CourseStateConflict("the course has ended");
        }
        // a fact may be charted after later acts (a late entry), never before screening
        Instant at = time.observationTime(command.at(), state.facts().screenedAt(), "screening");
        Protocol protocol = protocol(catalog);
        Entry entry = entry(command, at, time);
        ClientFact fact = command.fact();
        if (fact instanceof ClinicalFinding f && f.type() == ClinicalFinding.Type.AGE && state.profile().ageYears() != null) {
            throw new InvalidCommandException("type", "the age was recorded at screening (" + state.profile().ageYears()
                    + " years); an age fact gives an age screening did not record");
        }
        ClientRecheck.OnFact found = ClientRecheck.onFact(protocol, state, fact, at, entry.number());
        List<Finding> newExclusions = state.consented() ? ClientRecheck.newExclusions(state, found.findings()) : List.of();
        if (fact instanceof ClinicalFinding finding) {
            apply(new ClinicalFindingRecorded(courseId, entry, finding, found.rechecked(), found.findings()));
        } else if (fact instanceof MedicationChange medication) {
            apply(new MedicationRecorded(courseId, entry, medication, found.rechecked(), found.findings()));
        } else {
            apply(new WeightRecorded(courseId, entry, (WeightMeasurement) fact, found.rechecked(), found.findings()));
        }
        List<Finding> findings = new ArrayList<>(found.findings());
        foundLater(protocol, newExclusions, command.actor(), at, time, findings);
        // charted late, before doses already given: those doses are reviewed as if the fact had been known then
        findings.addAll(flagPastDoses(versions(catalog), entry.number(), fact.changes(), at,
                "a fact charted later (" + fact.describe() + ")", command.actor(), time));
        // the fact is recorded whatever it shows: what it excludes is refused at the next dosing act
        return Decision.recorded(findings);
    }

    @CommandHandler
    public Decision handle(ApproveDose command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        ActPermissions.require(command);
        Instant at = time.clinicalTime(command.at(), state.latestAct());
        Decision decision = DosingDecision.decide(protocol(catalog), state, command, at, time.clinicZone());
        Entry entry = entry(command, at, time);
        if (decision.refused()) {
            apply(new DoseApprovalRefused(courseId, entry, command.route(), command.dose(), command.booster(),
                    command.infusionDuration(), decision.findings()));
        } else {
            var weighing = state.facts().weightAt(at);
            apply(new DoseApproved(courseId, entry, state.nextApprovalId(), command.route(), command.dose(),
                    command.dose().inMilligrams(weighing.weight()), command.booster(), command.infusionDuration(),
                    decision.findings(), weighing.weight(), weighing.measuredAt()));
        }
        return decision;
    }

    @CommandHandler
    public Decision handle(StartSession command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        ActPermissions.require(command);
        Instant at = time.clinicalTime(command.at(), state.latestAct());
        if (command.administrationEnd() != null && command.administrationEnd().isBefore(at)) {
            throw new InvalidCommandException("administrationEnd", "cannot be before the session starts");
        }
        if (command.administrationEnd() != null && command.administrationEnd().isAfter(at.plus(LONGEST_ADMINISTRATION))) {
            // an end far off would make every discharge of the session impossible: it is a typing error, not a plan
            throw new InvalidCommandException("administrationEnd", "is more than " + LONGEST_ADMINISTRATION.toHours()
                    + " h after the session starts");
        }
        PendingApproval approval = state.pendingApproval().filter(a -> !a.booster()).orElse(null);
        Decision decision = SessionDecision.decide(protocol(catalog), state, command, approval, at, time.clinicZone());
        Entry entry = entry(command, at, time);
        if (decision.refused()) {
            apply(new SessionStartRefused(courseId, entry, approval == null ? null : approval.approvalId(), command.setting(),
                    command.preDoseVitals(), command.administrationEnd(), decision.findings()));
        } else {
            apply(new SessionStarted(courseId, entry, state.sessions().size() + 1, approval.approvalId(), approval.route(),
                    approval.amount(), command.setting(), command.preDoseVitals(), administrationEnd(command, approval, at),
                    decision.findings()));
        }
        return decision;
    }

    @CommandHandler
    public Decision handle(AdministerBooster command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        ActPermissions.require(command);
        Instant at = time.clinicalTime(command.at(), state.latestAct());
        PendingApproval approval = state.pendingApproval().filter(PendingApproval::booster).orElse(null);
        Decision decision = BoosterDecision.decide(protocol(catalog), state, approval, at);
        Integer session = state.openSession().map(SessionRecord::number).orElse(null);
        if (decision.refused()) {
            apply(new BoosterRefused(courseId, entry(command, at, time), session, approval == null ? null : approval.approvalId(),
                    decision.findings()));
        } else {
            apply(new BoosterAdministered(courseId, entry(command, at, time), session, approval.approvalId(),
                    approval.amount()));
        }
        return decision;
    }

    @CommandHandler
    public Decision handle(RecordVitals command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        ActPermissions.require(command);
        if (state.ended()) {
            throw new CourseStateConflict("the course has ended");
        }
        if (!command.measuredNow()) {
            time.clinicalTime(command.vitals().measuredAt(), null); // a reading from the future is refused whatever the state
        }
        SessionRecord open = requireOpenSession("record in-session vitals");
        // a reading may be charted after later acts of its session (a late entry), never before the session
        Instant at = command.measuredNow() ? begin(command, time)
                : time.observationTime(command.vitals().measuredAt(), open.startedAt(), "its session started");
        Protocol protocol = protocol(catalog);
        VitalSigns reading = command.measuredNow() ? command.vitals().measuredAt(at) : command.vitals();
        var fired = DataTriggers.onVitals(protocol, open, reading);
        apply(new VitalsRecorded(courseId, entry(command, at, time), open.number(), reading));
        List<Finding> findings = new ArrayList<>();
        fireTriggers(protocol, open, fired, command.actor(), at, time, findings);
        return Decision.of(findings);
    }

    @CommandHandler
    public Decision handle(CourseCommand.RecordSessionScore command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        ActPermissions.require(command);
        if (state.ended()) {
            throw new CourseStateConflict("the course has ended");
        }
        if (command.at() != null) {
            time.clinicalTime(command.at(), null); // an assessment from the future is refused whatever the state
        }
        SessionRecord open = requireOpenSession("record a score assessed in the session");
        // like a reading, an assessment may be charted late, never before its session started
        Instant at = command.at() == null ? begin(command, time) : time.observationTime(command.at(), open.startedAt(), "its session started");
        Protocol protocol = protocol(catalog);
        var fired = DataTriggers.onScore(protocol, open, command.instrument(), command.score());
        apply(new CourseEvent.SessionScoreRecorded(courseId, entry(command, at, time), open.number(), command.instrument(),
                command.score()));
        List<Finding> findings = new ArrayList<>();
        fireTriggers(protocol, open, fired, command.actor(), at, time, findings);
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
        apply(new ClientDischarged(courseId, entry(command, at, time), open.number(),
                java.time.Duration.between(open.startedAt(), at), integrationExpected(protocol, open), command.scores(),
                command.escortPresent(),
                command.transport(), decision.findings()));
        for (ObligationRule rule : protocol.obligations()) {
            apply(new ObligationCreated(courseId, entry(command, at, time), state.nextObligationId(), rule.kind(),
                    rule.dueAfter(at), rule.blocksDosingWhenOverdue(), rule.info().id(), open.number(), null));
        }
        return decision;
    }

    @CommandHandler
    public Decision handle(CourseCommand.CloseSession command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        SessionRecord open = requireOpenSession("close");
        Protocol protocol = protocol(catalog);
        apply(new CourseEvent.SessionClosed(courseId, entry(command, at, time), open.number(), command.disposition(),
                command.note(), java.time.Duration.between(open.startedAt(), at), integrationExpected(protocol, open)));
        List<Finding> findings = new ArrayList<>();
        for (var rule : protocol.observation()) {
            List<TriggeredAction> actions = rule.onEnding(command.disposition());
            if (!actions.isEmpty()) {
                findings.add(rule.info().withEnforcement(org.kap.core.rule.Enforcement.WARNING).fired(protocol.ref(),
                        org.kap.core.rule.Evidence.of("session " + open.number() + " " + command.disposition().label(), "at", at)));
                act(protocol, actions, rule.info().id(), null, command.actor(), at, time, findings);
            }
        }
        return Decision.recorded(findings);
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
        if (obligation.kind() == ObligationKind.PRESCRIBER_REVIEW && command.actor().role() != Role.PRESCRIBER) {
            throw new NotPermittedException("obligation " + obligation.id() + " is a prescriber's review: a prescriber "
                    + "fulfils it, or reviews the course");
        }
        apply(new ObligationFulfilled(courseId, entry(command, at, time), obligation.id(), at.isAfter(obligation.due())));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(CourseCommand.MarkObligationOverdue command, ClinicalTimePolicy time) {
        // the engine's own record, allowed on an ended course (a report may still be due). Its clinical time is the
        // deadline, the moment the obligation became overdue; it does not move the order of clinical acts, so
        // documentation back-entered with its true time stays possible after it.
        ActPermissions.require(command);
        Instant checkedAt = time.clinicalTime(command.at(), null);
        ObligationRecord obligation = state.obligation(command.obligationId()).orElseThrow(() ->
                new UnknownReferenceException("the course has no obligation " + command.obligationId()));
        if (!obligation.overdueAt(checkedAt) || obligation.markedOverdueAt() != null) {
            throw new CourseStateConflict("obligation " + obligation.id() + " is not newly overdue");
        }
        apply(new CourseEvent.ObligationOverdue(courseId, entry(command, obligation.due(), time), obligation.id(),
                obligation.due()));
        return Decision.allowed();
    }

    @CommandHandler
    public Decision handle(ReviewCourse command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        Protocol protocol = protocol(catalog);
        List<ObligationRecord> reviewsDue = state.obligations().stream()
                .filter(o -> o.open() && o.kind() == ObligationKind.PRESCRIBER_REVIEW).toList();
        boolean reviewPointDue = Blocks.reviewDue(protocol, state);
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
    public Decision handle(CorrectEntry command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        ActPermissions.require(command);
        Instant at = time.clinicalTime(command.at(), state.latestAct());
        String author = state.authorOf(command.entryNumber()).orElseThrow(() ->
                new UnknownReferenceException("the course has no entry " + command.entryNumber()));
        Role role = command.actor().role();
        boolean permitted = author.equals(command.actor().id()) || role == Role.CLINICIAN || role == Role.PRESCRIBER;
        if (!permitted) {
            throw new NotPermittedException("entry " + command.entryNumber()
                    + " may be corrected by its author, a clinician or a prescriber");
        }
        Entry entry = entry(command, at, time);
        if (command.corrected() == null) {
            apply(new EntryCorrected(courseId, entry, command.entryNumber(), command.correction(), command.reason(), null));
            return Decision.allowed();
        }
        CorrectableEntry target = state.correctable(command.entryNumber()).orElseThrow(() -> new InvalidCommandException(
                "corrected", "entry " + command.entryNumber() + " holds no value a structured correction can change (a reading, "
                + "pre-dose vitals, a dose given, a weight, a finding, a score assessed in a session, the screening's weight or "
                + "vitals); correct it in words"));
        CorrectedValues values = Corrections.resolve(state, command.entryNumber(), target, command.corrected(), time);
        var changedFacts = Corrections.changedFacts(state, command.entryNumber(), target, values);
        Protocol protocol = protocol(catalog);
        // a corrected finding names a diagnosis, history item or substance: read as one recorded anew, before anything
        // is recorded (a word the protocol does not know refuses the correction)
        List<Finding> vocabulary = values.finding() == null ? List.of() : VocabularyCheck.findings(protocol, values.finding());
        apply(new EntryCorrected(courseId, entry, command.entryNumber(), command.correction(), command.reason(), values));

        CorrectableEntry corrected = state.correctable(command.entryNumber()).orElseThrow();
        List<Finding> findings = new ArrayList<>(vocabulary);
        // what is known of the client changed: the screening rules reading it decide again (eligibility before consent)
        if (!changedFacts.isEmpty()) {
            ClientRecheck.OnFact found = ClientRecheck.onChange(protocol, state, changedFacts, at);
            if (!found.rechecked().isEmpty()) {
                List<Finding> newExclusions = state.consented() ? ClientRecheck.newExclusions(state, found.findings()) : List.of();
                apply(new CourseEvent.ScreeningRechecked(courseId, entry(command, at, time), command.entryNumber(),
                        found.rechecked(), found.findings()));
                findings.addAll(newExclusions);
                foundLater(protocol, newExclusions, command.actor(), at, time, findings);
            }
        }
        List<Finding> flags = CorrectionReview.pastDecisions(versions(catalog), state, corrected, values, changedFacts);
        flag(command.entryNumber(), flags, corrected.session(), command.actor(), at, time);
        findings.addAll(flags);
        // a corrected reading or baseline in the open session is read by the session's rules as if recorded so
        var open = state.openSession();
        boolean sessionValues = corrected.kind() == CorrectableEntry.Kind.READING
                || corrected.kind() == CorrectableEntry.Kind.SESSION_START && values.reading() != null;
        if (sessionValues && open.isPresent() && open.get().number() == corrected.session()) {
            fireTriggers(protocol, open.get(), DataTriggers.firedOn(protocol, open.get()), command.actor(), at, time, findings);
        }
        return Decision.recorded(findings);
    }

    @CommandHandler
    public Decision handle(EndCourse command, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        requireNoOpenSession("end the course");
        apply(new CourseEnded(courseId, entry(command, at, time), command.reason()));
        return Decision.allowed();
    }

    /**
     * Moves the course to another version of its protocol from this act on (a prescriber's signed act, after a
     * preview): refused, and recorded, when the client would be excluded under it.
     */
    @CommandHandler
    public Decision handle(MigrateCourse command, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        Instant at = begin(command, time);
        Protocol current = protocol(catalog);
        Protocol target = catalog.require(command.to());
        Decision decision = MigrationDecision.decide(current, target, state, at);
        Entry entry = entry(command, at, time);
        if (decision.refused()) {
            apply(new MigrationRefused(courseId, entry, current.ref(), target.ref(), command.reason(), decision.findings()));
        } else {
            apply(new CourseMigrated(courseId, entry, current.ref(), target.ref(), command.reason(), decision.findings()));
        }
        return decision;
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

    /** Records each vital-sign rule the session's readings completed, then what it does, in the same unit of work. */
    private void fireTriggers(Protocol protocol, SessionRecord session, List<DataTriggers.Fired<org.kap.core.vitals.VitalTrigger>> fired,
                              Actor actor, Instant at, ClinicalTimePolicy time, List<Finding> findings) {
        for (var trigger : fired) {
            apply(new VitalTriggerFired(courseId, entry(actor, at, time), session.number(), List.of(trigger.finding())));
            findings.add(trigger.finding());
            act(protocol, trigger.rule().actions(), trigger.rule().info().id(), null, actor, at, time, findings);
        }
    }

    /** What each newly found exclusion's rule says the course does ({@code , if found later: ...}). */
    private void foundLater(Protocol protocol, List<Finding> newExclusions, Actor actor, Instant at, ClinicalTimePolicy time,
                            List<Finding> findings) {
        for (Finding exclusion : newExclusions) {
            protocol.rule(exclusion.ruleId()).filter(ScreeningRule.class::isInstance).map(ScreeningRule.class::cast)
                    .ifPresent(rule -> act(protocol, rule.ifFoundLater(), rule.info().id(), null, actor, at,
                            learnt(at, time), time, findings));
        }
    }

    /**
     * When something was learnt: a fact or correction charted late has an earlier clinical time, but what it
     * calls for (a review, a report) is due counting from when it was recorded, not already overdue.
     */
    private static Instant learnt(Instant at, ClinicalTimePolicy time) {
        Instant now = time.now();
        return now.isAfter(at) ? now : at;
    }

    /** Doses given after a fact's clinical time, decided again as if it had been known: the flags, if any, are recorded. */
    private List<Finding> flagPastDoses(java.util.function.Function<SessionRecord, Protocol> versions, long cause,
                                        java.util.Set<String> changed, Instant from, String why, Actor actor, ClinicalTimePolicy time) {
        if (state.latestAct() == null || !from.isBefore(state.latestAct())) {
            return List.of();
        }
        List<Finding> flags = CorrectionReview.dosesAfter(versions, state, changed, from, why);
        flag(cause, flags, null, actor, state.latestAct(), time);
        return flags;
    }

    /** Records past decisions flagged by an entry, and the prescriber's review they call for. */
    private void flag(long cause, List<Finding> flags, Integer session, Actor actor, Instant at, ClinicalTimePolicy time) {
        if (flags.isEmpty()) {
            return;
        }
        apply(new PastDecisionFlagged(courseId, entry(actor, at, time), cause, flags));
        apply(new ObligationCreated(courseId, entry(actor, at, time), state.nextObligationId(), ObligationKind.PRESCRIBER_REVIEW,
                learnt(at, time).plus(java.time.Duration.ofDays(1)), true, EngineRules.CORRECTION_REVIEW.id(), session, null));
    }

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
        act(protocol, actions, ruleId, adverseEventId, actor, at, at, time, findings);
    }

    /** @param dueFrom what an obligation's deadline counts from: the act, or (for what is learnt late) its recording */
    private void act(Protocol protocol, List<TriggeredAction> actions, RuleId ruleId, String adverseEventId, Actor actor,
                     Instant at, Instant dueFrom, ClinicalTimePolicy time, List<Finding> findings) {
        for (TriggeredAction action : actions) {
            var open = state.openSession();
            // one branch per kind of action, each deciding whether it applies now; a kind without a branch is an error,
            // never an action silently dropped
            if (action instanceof TriggeredAction.ExtendObservation extend) {
                if (open.isPresent()) {
                    apply(new ObservationExtended(courseId, entry(actor, at, time), open.get().number(), ruleId, extend.extra()));
                }
            } else if (action instanceof TriggeredAction.StopSession) {
                if (open.isPresent() && open.get().stoppedBy().isEmpty()) {
                    apply(new SessionStopped(courseId, entry(actor, at, time), open.get().number(), ruleId));
                }
            } else if (action instanceof TriggeredAction.HaltCourse) {
                if (state.haltedBy().isEmpty()) {
                    apply(new CourseHalted(courseId, entry(actor, at, time), ruleId, adverseEventId));
                }
            } else if (action instanceof TriggeredAction.CreateObligation obligation) {
                apply(new ObligationCreated(courseId, entry(actor, at, time), state.nextObligationId(), obligation.kind(),
                        dueFrom.plus(obligation.dueWithin()), obligation.blocksDosingWhenOverdue(), ruleId,
                        open.map(SessionRecord::number).orElse(null), adverseEventId));
            } else if (action instanceof TriggeredAction.RaiseAdverseEvent raise) {
                recordAdverseEvent(protocol, raise.type(), raise.grade(), raise.seriousness(),
                        "raised by " + ruleId, ruleId, actor, at, time, findings);
            } else {
                throw new IllegalStateException("no handling for the triggered action " + action.getClass().getSimpleName());
            }
        }
    }

    // ---- state guards ----------------------------------------------------------------------------

    /** The clinical time of the act, after refusing any act on an ended course. */
    private Instant begin(CourseCommand command, ClinicalTimePolicy time) {
        ActPermissions.require(command);
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

    /** Whether the pinned protocol asks for an integration session after this one. */
    private static boolean integrationExpected(Protocol protocol, SessionRecord session) {
        return protocol.sequencing().stream().anyMatch(rule -> rule.expectsIntegrationAfter(session.route()));
    }

    private static Instant administrationEnd(StartSession command, PendingApproval approval, Instant at) {
        if (command.administrationEnd() != null) {
            return command.administrationEnd();
        }
        return approval.infusionDuration() == null ? at : at.plus(approval.infusionDuration());
    }

    private Protocol protocol(ProtocolCatalog catalog) {
        return catalog.require(state.protocol());
    }

    /** The version each session was held under: a past decision is judged by the rules it was taken under. */
    private java.util.function.Function<SessionRecord, Protocol> versions(ProtocolCatalog catalog) {
        return session -> catalog.require(state.protocolOfSession(session.number()));
    }

    private Entry entry(CourseCommand command, Instant at, ClinicalTimePolicy time) {
        return entry(command.actor(), at, time);
    }

    private Entry entry(Actor actor, Instant at, ClinicalTimePolicy time) {
        Instant now = time.now();
        return new Entry(state.entries() + 1, actor, at, now, time.isLate(at, now));
    }
}
