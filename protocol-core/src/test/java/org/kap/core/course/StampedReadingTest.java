package org.kap.core.course;

import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.VitalsRecorded;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.kap.core.testing.CourseMatchers.onlyEvent;
import static org.kap.core.units.Units.mgPerKg;

/** A reading sent as "measured now" is stamped by the course when it takes it, not by the caller. */
class StampedReadingTest {

    @Test
    void the_course_stamps_a_reading_measured_now_with_its_own_clock() {
        Journey journey = Journey.underTestProtocol();
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.start());
        VitalSigns callerTime = VitalSigns.at(Instant.parse("2000-01-01T00:00:00Z")).bp(124, 80).build();
        CourseFixture.with(TestProtocol.v1())
                .givenCommands(given)
                .when(new CourseCommand.RecordVitals(Journey.COURSE, callerTime, true, Journey.CLINICIAN))
                .expectEventsMatching(onlyEvent(VitalsRecorded.class, "stamped with the course's now",
                        e -> e.vitals().measuredAt().equals(CourseFixture.SERVER_NOW)
                                && e.entry().clinicalTime().equals(CourseFixture.SERVER_NOW)
                                && e.vitals().systolic().value().intValue() == 124));
    }
}
