package org.kap.api.protocols;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.kap.api.courses.DecisionView;
import org.kap.api.units.QuantityText;
import org.kap.core.course.Actor;
import org.kap.core.course.ClinicalTimePolicy;
import org.kap.core.course.CourseCommand;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.InvalidCommandException;
import org.kap.core.course.TreatmentCourse;
import org.kap.core.dosing.Route;
import org.kap.core.observation.Transport;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolCatalog;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Role;
import org.kap.core.screening.ClientProfile;
import org.kap.core.sequencing.SequencingRule;
import org.kap.core.session.SettingFeature;
import org.kap.core.vitals.VitalSigns;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A protocol text not yet published, tried on a sample client: screening, consent, the preparation sessions it asks for,
 * a dose approval, the session's start, a reading of vitals, the discharge and the integration, each decided by the
 * engine's own course aggregate, in a store of its own held in memory and thrown away. Nothing reaches the engine's
 * record, and no real client's data is read: a protocol designer, who may not read courses, can run it.
 */
@Service
public class DryRun {

    /** The sample client and the acts' values, as the designer gives them (units written out). */
    public record SampleClient(String indication, Integer ageYears, String weight, String restingSystolic, String route,
                               String dose, String infusionDuration, Integer dischargeAfterMinutes) {
    }

    /** One act of the run and the engine's answer: its decision, or why it could not be taken. */
    public record Step(String act, Instant at, String outcome, List<DecisionView.FindingView> findings, String problem) {
    }

    private static final String COURSE = "dry-run";
    private static final Actor CLINICIAN = Actor.of("dry-run-clinician", Role.CLINICIAN);
    private static final Actor THERAPIST = Actor.of("dry-run-therapist", Role.THERAPIST);
    private static final Actor PRESCRIBER = Actor.of("dry-run-prescriber", Role.PRESCRIBER);

    private final ClinicalTimePolicy time;

    DryRun(ClinicalTimePolicy engine) {
        // the engine's clock, zone and late-entry threshold; entries of the sample's past are never too old for a run
        this.time = new ClinicalTimePolicy(engine.clock(), engine.allowedFutureSkew(), engine.lateEntryAfter(), engine.clinicZone(),
                Duration.ofDays(3650));
    }

    /** The acts, in order, until one cannot be taken (a refusal is an answer, and the run goes on). */
    public List<Step> run(Protocol draft, SampleClient client) {
        InMemoryCourses courses = inMemoryCourses(draft);
        Instant t0 = time.clock().instant().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        Instant dosing = t0.plus(2, ChronoUnit.DAYS);
        if (client.dischargeAfterMinutes() == null || client.dischargeAfterMinutes() < 0) {
            throw new InvalidCommandException("dischargeAfterMinutes", "say after how many minutes from the session's start "
                    + "the discharge is asked for");
        }
        Instant discharge = dosing.plus(10L + client.dischargeAfterMinutes(), ChronoUnit.MINUTES);
        int preparations = draft.rulesOf(SequencingRule.PreparationRequired.class).stream()
                .mapToInt(SequencingRule.PreparationRequired::sessions).max().orElse(0);

        List<Act> acts = new ArrayList<>();
        acts.add(new Act("screening", t0, at -> new CourseCommand.ScreenClient(COURSE, "sample-client", draft.ref(),
                Indication.valueOf(upper(client.indication())), profile(client, at), CLINICIAN, at)));
        acts.add(new Act("consent", t0.plus(5, ChronoUnit.MINUTES), at -> new CourseCommand.RecordConsent(COURSE, CLINICIAN, at)));
        for (int i = 1; i <= preparations; i++) {
            acts.add(new Act("preparation session " + i, t0.plus(i, ChronoUnit.HOURS),
                    at -> new CourseCommand.RecordPreparationSession(COURSE, THERAPIST, at)));
        }
        acts.add(new Act("dose approval", dosing, at -> new CourseCommand.ApproveDose(COURSE, Route.valueOf(upper(client.route())),
                QuantityText.dose("dose", client.dose()), false, QuantityText.duration("infusionDuration", client.infusionDuration()),
                PRESCRIBER, at)));
        acts.add(new Act("session start", dosing.plus(10, ChronoUnit.MINUTES), at -> new CourseCommand.StartSession(COURSE,
                EnumSet.allOf(SettingFeature.class), vitals(client, at.minus(5, ChronoUnit.MINUTES)), null, CLINICIAN, at)));
        acts.add(new Act("vitals", dosing.plus(40, ChronoUnit.MINUTES),
                at -> new CourseCommand.RecordVitals(COURSE, vitals(client, at), CLINICIAN)));
        acts.add(new Act("discharge", discharge, at -> new CourseCommand.DischargeClient(COURSE, dischargeScores(), true,
                Transport.DRIVEN_BY_ESCORT, CLINICIAN, at)));
        acts.add(new Act("integration", discharge.plus(Duration.ofHours(25)),
                at -> new CourseCommand.CompleteIntegration(COURSE, THERAPIST, at)));

        List<Step> steps = new ArrayList<>();
        for (Act act : acts) {
            try {
                Object answer = courses.gateway().sendAndWait(GenericCommandMessage.asCommandMessage(act.command().apply(act.at())));
                // screening creates the course and answers with its id: its decision is what its event recorded
                Decision decision = answer instanceof Decision decided ? decided : Decision.of(((CourseEvent) courses.store()
                        .readEvents(COURSE).asStream().reduce((first, second) -> second).orElseThrow().getPayload()).findings());
                DecisionView view = DecisionView.of(COURSE, decision);
                steps.add(new Step(act.name(), act.at(), view.outcome(), view.findings(), null));
            } catch (RuntimeException notTaken) {
                steps.add(new Step(act.name(), act.at(), "not taken", List.of(), notTaken.getMessage()));
                break;
            }
        }
        return steps;
    }

    private record Act(String name, Instant at, Function<Instant, CourseCommand> command) {
    }

    private record InMemoryCourses(CommandGateway gateway, org.axonframework.eventsourcing.eventstore.EventStore store) {
    }

    /** The engine's course aggregate on a command bus and an event store of its own, in memory, under the draft. */
    private InMemoryCourses inMemoryCourses(Protocol draft) {
        ProtocolCatalog catalog = ProtocolCatalog.of(draft);
        ParameterResolverFactory resources = (executable, parameters, index) -> {
            Class<?> type = parameters[index].getType();
            if (type == ProtocolCatalog.class) {
                return new FixedValueParameterResolver<>(catalog);
            }
            if (type == ClinicalTimePolicy.class) {
                return new FixedValueParameterResolver<>(time);
            }
            return null;
        };
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(resources,
                ClasspathParameterResolverFactory.forClass(TreatmentCourse.class));
        var store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        var repository = EventSourcingRepository.builder(TreatmentCourse.class).eventStore(store)
                .parameterResolverFactory(resolvers).build();
        var bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<TreatmentCourse>builder().aggregateType(TreatmentCourse.class).repository(repository)
                .parameterResolverFactory(resolvers).build().subscribe(bus);
        return new InMemoryCourses(DefaultCommandGateway.builder().commandBus(bus).build(), store);
    }

    private static ClientProfile profile(SampleClient client, Instant at) {
        return new ClientProfile(client.ageYears(), QuantityText.kilograms("weight", client.weight()), Set.of(), Set.of(), Set.of(),
                Set.of(), List.of(), false, false, vitals(client, at), Map.of());
    }

    private static VitalSigns vitals(SampleClient client, Instant at) {
        return new VitalSigns(at, QuantityText.mmHg("restingSystolic", client.restingSystolic()), QuantityText.mmHg("diastolic",
                "80 mmHg"), QuantityText.bpm("heartRate", "76 bpm"), QuantityText.percent("spo2", "97 %"), null);
    }

    /** Full alertness and recovery at discharge: the run shows what the protocol asks beyond a well client. */
    private static Map<Instrument, Integer> dischargeScores() {
        Map<Instrument, Integer> scores = new EnumMap<>(Instrument.class);
        scores.put(Instrument.MOAAS, 5);
        scores.put(Instrument.PADSS, 10);
        scores.put(Instrument.ALDRETE, 10);
        return scores;
    }

    private static String upper(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidCommandException("sample", "a value is missing");
        }
        return code.trim().toUpperCase(Locale.ROOT);
    }
}
