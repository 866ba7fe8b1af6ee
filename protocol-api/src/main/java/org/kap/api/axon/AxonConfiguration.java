package org.kap.api.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.config.annotation.SpringBeanParameterResolverFactory;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.kap.api.KapProperties;
import org.kap.core.course.ClinicalTimePolicy;
import org.kap.core.course.CourseState;
import org.kap.core.course.SessionRecord;
import org.kap.core.course.TreatmentCourse;
import org.kap.core.units.Dose;
import org.kap.core.units.Milligrams;
import org.kap.core.units.MilligramsPerKilogram;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Clock;

/**
 * Axon without Axon Server: the course aggregate with a cache and snapshots, Jackson for every
 * message and snapshot, the clock and time policy the aggregate's handlers receive, and the actor
 * carried from each command onto its events.
 */
@Configuration
public class AxonConfiguration {

    /** Command metadata copied onto every event the command causes. */
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ClinicalTimePolicy clinicalTimePolicy(Clock clock, KapProperties properties) {
        KapProperties.ClinicalTime t = properties.clinicalTime();
        return new ClinicalTimePolicy(clock, t.allowedFutureSkew(), t.lateEntryAfter(), t.clinicZone(),
                t.maxBackEntry());
    }

    /**
     * Without a cache every command replays the whole course (measured: 84 -> 29 commands/s within 2,000 commands).
     * The cache is checked against the store on every use, so a course another engine moved on is rebuilt.
     */
    @Bean
    Cache courseCache(org.kap.api.audit.StoredEvents stored, KapProperties properties,
                      org.springframework.beans.factory.ObjectProvider<org.kap.api.audit.HashChainInterceptor> chain) {
        return new StoreCheckedCache(new BoundedCache(properties.cachedCourses()), stored, chain);
    }

    /**
     * Axon's embedded event store as its auto-configuration builds it (the same bean name and qualifier), its reader for
     * the read models woken at most once per {@code kap.read-models.fetch-interval} while commits come faster
     * (CoalescingEventStore), keeping the newest {@code kap.read-models.cached-events} events for them.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    CoalescingEventStore eventStore(org.axonframework.eventsourcing.eventstore.EventStorageEngine storageEngine,
                                    org.axonframework.config.Configuration axon, KapProperties properties) {
        return new CoalescingEventStore(org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(org.axonframework.eventsourcing.eventstore.EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(org.axonframework.eventhandling.EventBusSpanFactory.class))
                .cachedEvents(properties.readModels().cachedEvents()),
                properties.readModels().fetchInterval());
    }

    /**
     * What the read models' tracking processors read (application.yml names it as each one's source): the event store,
     * with the events of a busy moment taken as one batch (LingeringSource; each processor's stream lingers on its own).
     * A batch commits its processor's token even when it held no event the processor handles (Axon's tracking processor
     * does), so a processor that took each fresh event at once wrote its token about once per command under load.
     */
    @Bean
    LingeringSource readModelSource(org.axonframework.eventsourcing.eventstore.EventStore store, KapProperties properties,
                                    Clock clock) {
        return new LingeringSource(store, properties.readModels().batchLinger(), clock);
    }

    /** Spring's snapshotter finds only aggregates that have a factory bean; without it snapshots fail silently. */
    @Bean
    AggregateFactory<TreatmentCourse> courseAggregateFactory(ApplicationContext context) {
        // the model must resolve the handlers' Spring-bean parameters (catalog, time policy) like the repository's does
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(TreatmentCourse.class),
                new SpringBeanParameterResolverFactory(context));
        return new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(TreatmentCourse.class, resolvers));
    }

    /**
     * The course's snapshots are loaded only when they are of the course's revision (Axon's own filter, which naming a
     * filter replaces, so it is named again) and match their seals (SnapshotSeals): a snapshot of an older shape, or one
     * changed, swapped or written around the engine, is passed over and the course folded from its events.
     */
    @Bean
    ConfigurerModule courseAggregate(Cache courseCache, KapProperties properties,
                                     org.springframework.beans.factory.ObjectProvider<org.kap.api.audit.SnapshotSeals> seals) {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(TreatmentCourse.class)
                .configureCache(c -> courseCache)
                .configureCommandTargetResolver(c -> new CourseTargetResolver())
                .configureSnapshotFilter(c -> org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter.builder()
                        .type(TreatmentCourse.class.getSimpleName())
                        .revision(TreatmentCourse.class.getAnnotation(org.axonframework.serialization.Revision.class).value()).build()
                        .combine(snapshot -> seals.getObject().allow(snapshot)))
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                        c.snapshotter(), properties.snapshotThreshold())));
    }

    /**
     * Axon's Spring snapshotter as Axon's auto-configuration builds it, each snapshot sealed as it is taken, on a thread
     * of its own after the command is answered (SealingSnapshotter).
     */
    @Bean
    org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter aggregateSnapshotter(
            org.axonframework.config.Configuration axon, org.axonframework.messaging.annotation.HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory, org.axonframework.eventsourcing.eventstore.EventStore eventStore,
            org.axonframework.common.transaction.TransactionManager transactionManager,
            org.axonframework.eventsourcing.SnapshotterSpanFactory spanFactory, org.kap.api.audit.SnapshotSeals seals) {
        return SealingSnapshotter.onItsOwnThread(org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory), seals);
    }

    /**
     * Events and snapshots are stored under their stored names and revisions, never under a Java class name; the same
     * serializer writes the course's snapshots (Axon's general serializer) and its events.
     */
    @Bean
    @Primary
    Serializer serializer(ObjectMapper mapper) {
        return StoredNameSerializer.using(mapper, StoredTypes.names());
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper mapper) {
        return StoredNameSerializer.using(mapper, StoredTypes.names());
    }

    /** Rows stored under Java class names, before stored names, are read under their stored names. */
    @Bean
    LegacyTypeNames legacyTypeNames() {
        return new LegacyTypeNames(StoredTypes.legacyNames());
    }

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ACTOR_ID, ACTOR_ROLE, org.kap.api.idempotency.KeyedCommands.CLAIM,
                org.kap.api.security.SignedActs.SIGNATURE_METHOD);
    }

    /**
     * Correlation and trace ids on every event (the command that caused it). Axon adds this provider
     * only when no other is defined, so with the actor's provider above it must be declared too;
     * without it the history cannot tell which events one act recorded.
     */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /**
     * The domain stays free of Jackson: mix-ins name a dose's unit in JSON, and let snapshots see
     * the aggregate's private fields (without them Jackson sees no properties and snapshots fail).
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer domainJackson() {
        return builder -> builder
                .mixIn(Dose.class, DoseByUnit.class)
                .mixIn(TreatmentCourse.class, FieldsVisible.class)
                .mixIn(CourseState.class, FieldsVisible.class)
                .mixIn(SessionRecord.class, FieldsVisible.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "unit")
    @JsonSubTypes({@JsonSubTypes.Type(value = Milligrams.class, name = "mg"),
            @JsonSubTypes.Type(value = MilligramsPerKilogram.class, name = "mg/kg")})
    interface DoseByUnit {
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE,
            creatorVisibility = JsonAutoDetect.Visibility.ANY)
    abstract static class FieldsVisible {
    }
}
