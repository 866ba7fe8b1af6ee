package org.kap.core.course;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.kap.core.protocol.Protocol;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The links a history page folds from a few events are the course's own, entry by entry. */
class EntryLinksTest {

    @Test
    void the_links_folded_from_screening_moves_and_corrections_are_the_courses_own() {
        Protocol v2 = TestProtocol.builder(2).build();
        Protocol v3 = TestProtocol.builder(3).build();
        AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(TestProtocol.v1(), v2, v3);
        Journey journey = Journey.underTestProtocol();
        List<Object> commands = new ArrayList<>(journey.readyForFirstDose());
        commands.add(journey.migrate(2));
        commands.add(journey.correct(1, Journey.CLINICIAN));
        commands.add(journey.migrate(3));
        commands.add(journey.outcome(org.kap.core.outcome.Instrument.PHQ9, 12));
        fixture.givenCommands(commands).when(journey.correct(1, Journey.CLINICIAN));

        CourseState course = new CourseState();
        EntryLinks links = new EntryLinks();
        List<Class<?>> types = new ArrayList<>();
        fixture.getEventStore().readEvents(Journey.COURSE).asStream().map(DomainEventMessage::getPayload)
                .filter(CourseEvent.class::isInstance).map(CourseEvent.class::cast).forEach(e -> {
                    course.apply(e);
                    links.apply(e);
                    types.add(e.getClass());
                });
        assertThat(types).as("the course the links are checked on").contains(CourseEvent.CourseMigrated.class,
                CourseEvent.EntryCorrected.class);
        assertThat(types.stream().filter(CourseEvent.CourseMigrated.class::equals)).hasSize(2);
        assertThat(links.started()).isTrue();
        for (long entry = 0; entry <= course.entries() + 1; entry++) {
            assertThat(links.protocolAt(entry)).as("the version at entry " + entry).isEqualTo(course.protocolAt(entry));
            assertThat(links.correctionOf(entry)).as("the correction of entry " + entry).isEqualTo(course.correctionOf(entry));
        }
        assertThat(links.correctionOf(1)).as("the later of two corrections of one entry").contains(course.entries());
        assertThat(new EntryLinks().started()).isFalse();
    }
}
