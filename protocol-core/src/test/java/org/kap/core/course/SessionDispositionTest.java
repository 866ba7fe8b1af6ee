package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.course.CourseCommand.CloseSession;
import org.kap.core.course.CourseEvent.CourseHalted;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.course.CourseEvent.SessionClosed;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.observation.Disposition;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Role;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.protocol.ProtocolBuilder.*;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/** A session that ends in a transfer, an admission or the client leaving against advice is closed with its disposition. */
class SessionDispositionTest {

    private static final Actor NURSE = Actor.of("nurse-amy", Role.CLINICIAN);

    static Protocol withDispositions() {
        return TestProtocol.builder(1)
                .whenSessionEnds(rule("OBS-TRANSFER", "Transfer or admission: halt and report", "test fixture"),
                        Set.of(Disposition.TRANSFERRED_TO_EMERGENCY_CARE, Disposition.ADMITTED),
                        haltCourse(), createObligation(ObligationKind.ADVERSE_EVENT_REPORT, days(1), false))
                .build();
    }

    private final AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(withDispositions());
    private final Journey journey = Journey.underTestProtocol();

    private List<Object> stoppedBySeriousEvent() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.start());
        given.add(journey.adverseEvent(AdverseEventType.HYPERTENSION, 4, Seriousness.HOSPITALISATION));
        return given;
    }

    @Test
    void a_client_sent_to_the_emergency_department_closes_the_session_halts_the_course_and_creates_the_report() {
        List<Object> given = stoppedBySeriousEvent();
        Instant at = journey.now();
        fixture.givenCommands(given)
                .when(new CloseSession(Journey.COURSE, Disposition.TRANSFERRED_TO_EMERGENCY_CARE, "ambulance to St Mary's ED",
                        NURSE, at))
                .expectResultMessagePayloadMatching(warned("OBS-TRANSFER"))
                .expectEventsMatching(including(SessionClosed.class, "as a transfer",
                        e -> e.disposition() == Disposition.TRANSFERRED_TO_EMERGENCY_CARE && e.sessionNumber() == 1))
                .expectState(course -> {
                    assertThat(course.state().openSession()).isEmpty();
                    assertThat(course.state().sessions().get(0).disposition()).contains(Disposition.TRANSFERRED_TO_EMERGENCY_CARE);
                });
    }

    @Test
    void after_the_transfer_the_next_approval_is_refused_by_the_halt_not_by_a_session_still_open() {
        List<Object> given = stoppedBySeriousEvent();
        given.add(new CloseSession(Journey.COURSE, Disposition.ADMITTED, "admitted for observation", NURSE, journey.now()));
        fixture.givenCommands(given)
                .when(journey.after(days(4)).approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(decision(org.kap.core.rule.Decision.Outcome.REFUSED, "AE-SEVERE"));
    }

    @Test
    void a_client_leaving_against_advice_closes_the_session_with_no_action_this_protocol_names() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.start());
        fixture.givenCommands(given)
                .when(new CloseSession(Journey.COURSE, Disposition.LEFT_AGAINST_ADVICE, "left at 40 min despite advice", NURSE,
                        journey.now()))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(SessionClosed.class));
    }

    @Test
    void there_is_no_session_to_close_without_one_open() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(new CloseSession(Journey.COURSE, Disposition.ADMITTED, "n/a", NURSE, journey.now()))
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void halting_events_follow_the_closing() {
        fixture.givenCommands(stoppedBySeriousEvent())
                .when(new CloseSession(Journey.COURSE, Disposition.ADMITTED, "admitted", NURSE, journey.now()))
                .expectEventsMatching(recorded(SessionClosed.class, ObligationCreated.class));
    }
}
