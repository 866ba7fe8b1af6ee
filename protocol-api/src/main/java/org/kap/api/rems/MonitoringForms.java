package org.kap.api.rems;

import org.kap.api.courses.CourseQueries;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.course.CourseState;
import org.kap.core.course.InvalidCommandException;
import org.kap.core.course.SessionRecord;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.vitals.VitalSigns;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/** Builds the REMS Patient Monitoring Form of a session from the course's events. */
@Service
public class MonitoringForms {

    /** Medication classes the form asks about (sedation or blood-pressure effects). */
    static final Set<String> CONCOMITANT = Set.of("benzodiazepine", "non_benzodiazepine_sedative_hypnotic", "psychostimulant", "maoi",
            "opioid");

    private final CourseQueries courses;

    public MonitoringForms(CourseQueries courses) {
        this.courses = courses;
    }

    public MonitoringForm of(String courseId, int sessionNumber) {
        // the course as the engine decides on it (its snapshot and the events after it): the same fold of the same events
        CourseState course = courses.current(courseId);
        if (sessionNumber < 1 || sessionNumber > course.sessions().size()) {
            throw new InvalidCommandException("sessionNumber", "the course has " + course.sessions().size() + " session(s)");
        }
        SessionRecord s = course.sessions().get(sessionNumber - 1);
        Long minutes = s.dischargedAt().map(d -> Duration.between(s.startedAt(), d).toMinutes()).orElse(null);
        Optional<VitalSigns> at40 = s.readings().stream()
                .filter(r -> r.systolic() != null && r.diastolic() != null)
                .min(Comparator.comparing(r -> Duration.between(s.startedAt().plus(Duration.ofMinutes(40)), r.measuredAt()).abs()));
        Optional<VitalSigns> last = s.latestReading();
        var events = course.adverseEvents().stream().filter(ae -> Integer.valueOf(sessionNumber).equals(ae.sessionNumber())).toList();
        var form = course.obligations().stream()
                .filter(o -> o.kind() == ObligationKind.MONITORING_FORM && Integer.valueOf(sessionNumber).equals(o.sessionNumber()))
                .findFirst()
                .map(o -> new MonitoringForm.Obligation(o.id(), o.due(), o.fulfilledAt())).orElse(null);
        return new MonitoringForm(courseId, course.clientId(), sessionNumber, sessionNumber == 1,
                s.startedAt().atZone(ZoneOffset.UTC).toLocalDate(), s.total().toString(), null, minutes,
                new MonitoringForm.BloodPressure(bp(s.baseline()), at40.map(MonitoringForms::bp).orElse(null),
                        last.map(MonitoringForms::bp).orElse(null)),
                true, s.dischargedAt().isPresent(),
                events.stream().anyMatch(ae -> ae.type() == AdverseEventType.SEDATION),
                events.stream().anyMatch(ae -> ae.type() == AdverseEventType.DISSOCIATION),
                events.stream().anyMatch(ae -> ae.type() == AdverseEventType.RESPIRATORY_DEPRESSION),
                course.profile().medications().stream().filter(CONCOMITANT::contains).sorted().toList(), form);
    }

    private static String bp(VitalSigns v) {
        return v == null || v.systolic() == null || v.diastolic() == null ? null
                : v.systolic().value().toPlainString() + "/" + v.diastolic().value().toPlainString() + " mmHg";
    }
}
