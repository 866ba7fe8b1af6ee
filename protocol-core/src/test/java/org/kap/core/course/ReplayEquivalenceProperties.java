package org.kap.core.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.outcome.Instrument;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.units.Units.*;

/**
 * For random journeys, the course rebuilt from its recorded events (what an auditor's "state as of
 * now" does) is the course the aggregate holds: the fold is deterministic and needs nothing but the log.
 */
class ReplayEquivalenceProperties {

    private static final ObjectMapper JSON = CourseStateSnapshotTest.snapshotMapper();

    /** Steps of a journey; each is tried, and the ones the course refuses or cannot take are simply part of the story. */
    private static Object step(int kind, Journey j) {
        return switch (kind) {
            case 0 -> j.preparation();
            case 1 -> j.approve(mgPerKg("0.5"));
            case 2 -> j.start();
            case 3 -> j.vitals(125, 82, 97);
            case 4 -> j.vitals(118, 80, 91);
            case 5 -> j.adverseEvent(AdverseEventType.NAUSEA_VOMITING, 1);
            case 6 -> j.adverseEvent(AdverseEventType.SEDATION, 2);
            case 7 -> j.after(minutes(130)).discharge();
            case 8 -> j.after(days(1)).integrate();
            case 9 -> j.outcome(Instrument.PHQ9, 12);
            case 10 -> j.resolve("AE-1");
            default -> j.after(days(2)).approve(mgPerKg("0.6"));
        };
    }

    @Property(tries = 40)
    void the_course_rebuilt_from_its_events_is_the_live_course(@ForAll @Size(min = 1, max = 25) List<@IntRange(min = 0, max = 11) Integer> kinds)
            throws Exception {
        Journey journey = Journey.underTestProtocol();
        List<Object> accepted = new ArrayList<>(List.of(journey.screen(), journey.consent()));
        for (int kind : kinds) {
            Object command = step(kind, journey);
            List<Object> attempt = new ArrayList<>(accepted);
            attempt.add(command);
            try {
                CourseFixture.with(TestProtocol.v1()).givenCommands(attempt);
                accepted = attempt;   // refusals are recorded too; only conflicts and bad times are dropped
            } catch (RuntimeException notApplicable) {
                // a conflict (e.g. discharge without a session): the clinic would not have sent it
            }
        }
        AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(TestProtocol.v1());
        AtomicReference<CourseState> live = new AtomicReference<>();
        fixture.givenCommands(accepted.subList(0, accepted.size() - 1))
                .when(accepted.get(accepted.size() - 1))
                .expectState(course -> live.set(course.state()));
        EventStore store = fixture.getEventStore();
        CourseState rebuilt = new CourseState();
        store.readEvents(Journey.COURSE).asStream().map(DomainEventMessage::getPayload).forEach(e -> rebuilt.apply((CourseEvent) e));
        assertThat(JSON.writeValueAsString(rebuilt)).isEqualTo(JSON.writeValueAsString(live.get()));
        assertThat(rebuilt.status()).isEqualTo(live.get().status());
    }
}
