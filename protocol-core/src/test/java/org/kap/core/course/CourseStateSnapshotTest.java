package org.kap.core.course;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;
import org.kap.core.units.Dose;
import org.kap.core.units.Milligrams;
import org.kap.core.units.MilligramsPerKilogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.units.Units.*;

/**
 * The course state is a plain object that Jackson can snapshot: written and read back, it holds
 * the same course. The mapper is configured as the app configures Axon's snapshot serializer:
 * fields visible, and the one polymorphic value type (a dose in mg or mg/kg) named by unit.
 */
class CourseStateSnapshotTest {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "unit")
    @JsonSubTypes({@JsonSubTypes.Type(value = Milligrams.class, name = "mg"),
            @JsonSubTypes.Type(value = MilligramsPerKilogram.class, name = "mg/kg")})
    interface DoseByUnit {
    }

    static ObjectMapper snapshotMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .addMixIn(Dose.class, DoseByUnit.class)
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Test
    void a_course_in_the_middle_of_its_second_session_round_trips_through_jackson() throws Exception {
        Journey journey = Journey.underTestProtocol();
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.addAll(journey.imSession(mgPerKg("0.5")));
        journey.after(days(2));
        given.add(journey.approve(mgPerKg("0.75")));
        given.add(journey.start());
        given.add(journey.adverseEvent(AdverseEventType.NAUSEA_VOMITING, 2));
        given.add(journey.approveBooster(mg(10)));
        AtomicReference<CourseState> live = new AtomicReference<>();
        CourseFixture.with(TestProtocol.v1())
                .givenCommands(given)
                .when(journey.outcome(org.kap.core.outcome.Instrument.PHQ9, 14))
                .expectState(course -> live.set(course.state()));

        ObjectMapper mapper = snapshotMapper();
        String json = mapper.writeValueAsString(live.get());
        CourseState restored = mapper.readValue(json, CourseState.class);

        assertThat(mapper.writeValueAsString(restored)).isEqualTo(json);
        assertThat(restored.status()).isEqualTo(CourseStatus.IN_SESSION);
        assertThat(restored.sessions()).isEqualTo(live.get().sessions());
        assertThat(restored.pendingApproval()).isEqualTo(live.get().pendingApproval());
        assertThat(restored.adverseEvents()).isEqualTo(live.get().adverseEvents());
        assertThat(restored.obligations()).isEqualTo(live.get().obligations());
        assertThat(restored.entries()).isEqualTo(live.get().entries());
        assertThat(restored.profile()).isEqualTo(live.get().profile());
        assertThat(restored.nextApprovalId()).isEqualTo("APPROVAL-4");
    }
}
