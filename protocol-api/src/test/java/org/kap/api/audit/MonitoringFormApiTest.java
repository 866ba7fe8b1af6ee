package org.kap.api.audit;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The REMS Patient Monitoring Form of a session matches the journey that produced it. */
class MonitoringFormApiTest extends ApiTest {

    @Test
    void the_form_is_produced_from_the_sessions_events_and_linked_to_its_obligation() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "rems-" + UUID.randomUUID();
        String c = "/api/v1/courses/" + id;
        Instant t = Instant.parse("2026-02-02T09:00:00Z");
        post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-rems",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(52, "80 kg", "medications", List.of("benzodiazepine", "sertraline"))));
        post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString()));
        post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()));
        post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg", "at", t.plusSeconds(180).toString()));
        Instant dose = t.plus(10, ChronoUnit.MINUTES);
        post("clinician", c + "/sessions", Map.of("setting", List.of("pulse_oximeter"), "at", dose.toString(),
                "preDoseVitals", Map.of("measuredAt", dose.minusSeconds(300).toString(), "systolic", "132 mmHg", "diastolic", "84 mmHg")));
        post("clinician", c + "/vitals", Map.of("vitals", Map.of("measuredAt", dose.plus(15, ChronoUnit.MINUTES).toString(),
                "systolic", "138 mmHg", "diastolic", "86 mmHg")));
        post("clinician", c + "/vitals", Map.of("vitals", Map.of("measuredAt", dose.plus(41, ChronoUnit.MINUTES).toString(),
                "systolic", "146 mmHg", "diastolic", "90 mmHg")));
        post("clinician", c + "/adverse-events", Map.of("type", "dissociation", "grade", 1, "at", dose.plus(45, ChronoUnit.MINUTES).toString()));
        post("clinician", c + "/adverse-events/AE-1/resolution", Map.of("resolution", "resolved", "at", dose.plus(90, ChronoUnit.MINUTES).toString()));
        post("clinician", c + "/vitals", Map.of("vitals", Map.of("measuredAt", dose.plus(118, ChronoUnit.MINUTES).toString(),
                "systolic", "128 mmHg", "diastolic", "82 mmHg")));
        assertThat(post("clinician", c + "/discharge", Map.of("scores", Map.of("moaas", 5), "escortPresent", true,
                "transport", "driven_by_escort", "at", dose.plus(125, ChronoUnit.MINUTES).toString())).status()).isEqualTo(200);

        Answer form = get("auditor", c + "/sessions/1/monitoring-form");
        assertThat(form.status()).as(form.raw()).isEqualTo(200);
        assertThat(form.body().at("/firstTreatment").asBoolean()).isTrue();
        assertThat(form.text("/treatmentDate")).isEqualTo("2026-02-02");
        assertThat(form.text("/doseAdministered")).isEqualTo("40 mg");
        assertThat(form.body().at("/lotNumber").isNull()).isTrue();
        assertThat(form.body().at("/totalMonitoringMinutes").asLong()).isEqualTo(125);
        assertThat(form.text("/bloodPressure/beforeAdministration")).isEqualTo("132/84 mmHg");
        assertThat(form.text("/bloodPressure/at40Minutes")).isEqualTo("146/90 mmHg");
        assertThat(form.text("/bloodPressure/beforeCompletion")).isEqualTo("128/82 mmHg");
        assertThat(form.body().at("/dissociation").asBoolean()).isTrue();
        assertThat(form.body().at("/sedation").asBoolean()).isFalse();
        assertThat(form.body().at("/respiratoryDepression").asBoolean()).isFalse();
        assertThat(form.body().at("/concomitantMedications").toString()).isEqualTo("[\"benzodiazepine\"]");
        assertThat(form.text("/obligation/obligationId")).isEqualTo("OBLIGATION-1");
        assertThat(form.text("/obligation/due")).isEqualTo(dose.plus(125, ChronoUnit.MINUTES).plus(7, ChronoUnit.DAYS).toString());
        assertThat(get("auditor", c + "/sessions/2/monitoring-form").status()).isEqualTo(400);
        assertThat(get("therapist", c + "/sessions/1/monitoring-form").status()).isEqualTo(403);
    }
}
