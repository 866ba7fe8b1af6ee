package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.ObligationOverdue;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/** The scheduler marks an obligation overdue once its deadline has passed, once. */
class ObligationOverdueTest {

    private static final Actor SCHEDULER = Actor.of("kap-scheduler", org.kap.core.rule.Role.ADMIN);

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private final List<Object> dischargedOnce = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
        dischargedOnce.addAll(journey.readyForFirstDose());
        dischargedOnce.add(journey.approve(mgPerKg("0.5")));
        dischargedOnce.add(journey.start());
        journey.after(minutes(38));
        dischargedOnce.add(journey.vitals(125, 80, 98));
        journey.after(minutes(90));
        dischargedOnce.add(journey.discharge());   // OBLIGATION-1, the monitoring form, due 7 days later
    }

    @Test
    void an_obligation_past_its_deadline_is_marked_overdue() {
        Instant late = journey.now().plus(days(8));
        fixture.givenCommands(dischargedOnce)
                .when(new CourseCommand.MarkObligationOverdue(Journey.COURSE, "OBLIGATION-1", SCHEDULER, late))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(ObligationOverdue.class, "for the form", e -> e.obligationId().equals("OBLIGATION-1")))
                .expectState(course -> {
                    var form = course.state().obligation("OBLIGATION-1").orElseThrow();
                    // recorded at the deadline, the moment it became overdue, not when the scheduler noticed
                    assertThat(form.markedOverdueAt()).isEqualTo(form.due());
                });
    }

    @Test
    void documentation_back_entered_with_its_true_time_is_accepted_after_the_scheduler_marked_an_obligation_overdue() {
        Instant discharged = journey.now();
        List<Object> markedOverdue = new ArrayList<>(dischargedOnce);
        markedOverdue.add(new CourseCommand.MarkObligationOverdue(Journey.COURSE, "OBLIGATION-1", SCHEDULER,
                discharged.plus(days(9))));
        fixture.givenCommands(markedOverdue)
                .when(journey.at(discharged.plus(days(2))).integrate())
                .expectResultMessagePayloadMatching(allowed())
                .expectState(course -> assertThat(course.state().latestAct()).isEqualTo(discharged.plus(days(2))));
    }

    @Test
    void an_obligation_before_its_deadline_or_already_marked_is_not() {
        fixture.givenCommands(dischargedOnce)
                .when(new CourseCommand.MarkObligationOverdue(Journey.COURSE, "OBLIGATION-1", SCHEDULER, journey.now().plus(days(6))))
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
        List<Object> marked = new ArrayList<>(dischargedOnce);
        marked.add(new CourseCommand.MarkObligationOverdue(Journey.COURSE, "OBLIGATION-1", SCHEDULER, journey.now().plus(days(8))));
        fixture.givenCommands(marked)
                .when(new CourseCommand.MarkObligationOverdue(Journey.COURSE, "OBLIGATION-1", SCHEDULER, journey.now().plus(days(9))))
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }
}
