package org.kap.core.testing;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.kap.core.course.ClinicalTimePolicy;
import org.kap.core.course.TreatmentCourse;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolCatalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** An {@link AggregateTestFixture} for the course, with a catalog and a time policy injected as in the app. */
public final class CourseFixture {

    /** The server clock stands after every clinical time the journeys use. */
    public static final Instant SERVER_NOW = Instant.parse("2026-12-31T12:00:00Z");

    private CourseFixture() {
    }

    public static AggregateTestFixture<TreatmentCourse> with(Protocol... protocols) {
        // late-entry flags are tested on their own; here every entry is timely
        return with(new ClinicalTimePolicy(Clock.fixed(SERVER_NOW, ZoneId.of("UTC")), Duration.ofMinutes(2),
                Duration.ofDays(3650), ZoneId.of("UTC")), protocols);
    }

    public static AggregateTestFixture<TreatmentCourse> with(ClinicalTimePolicy time, Protocol... protocols) {
        AggregateTestFixture<TreatmentCourse> fixture = new AggregateTestFixture<>(TreatmentCourse.class);
        fixture.registerInjectableResource(ProtocolCatalog.of(protocols));
        fixture.registerInjectableResource(time);
        return fixture;
    }
}
