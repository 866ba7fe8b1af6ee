package org.kap.api.obligations;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Obligations created by the domain are listed open and overdue, and the scheduler records when
 * one became overdue. The scheduler reads the database, so a restart loses nothing.
 */
class ObligationsApiTest extends ApiTest {

    @Autowired
    OverdueScheduler scheduler;

    private void eventually(BooleanSupplier condition) {
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("the read model caught up in time").isBefore(until);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void a_monitoring_form_past_its_deadline_is_listed_overdue_and_marked_by_the_scheduler() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "obligation-" + java.util.UUID.randomUUID();
        String c = "/api/v1/courses/" + id;
        Instant t = Instant.now().minus(20, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-obl",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(38, "70 kg"))).status()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString())).status()).isEqualTo(200);
        assertThat(post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString())).status()).isEqualTo(200);
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg",
                "at", t.plusSeconds(180).toString())).status()).isEqualTo(200);
        assertThat(post("clinician", c + "/sessions", Map.of("setting", List.of("pulse_oximeter"), "at", t.plusSeconds(240).toString(),
                "preDoseVitals", Map.of("systolic", "120 mmHg", "diastolic", "80 mmHg"))).status()).isEqualTo(200);
        Answer discharged = post("clinician", c + "/discharge", Map.of("scores", Map.of("moaas", 5), "escortPresent", true,
                "transport", "taxi", "at", t.plus(3, ChronoUnit.HOURS).toString()));
        assertThat(discharged.status()).as(discharged.raw()).isEqualTo(200);

        eventually(() -> get("clinician", "/api/v1/obligations?status=overdue&courseId=" + id).body().at("/obligations").size() == 1);
        Answer overdue = get("auditor", "/api/v1/obligations?status=overdue&courseId=" + id);
        assertThat(overdue.text("/obligations/0/kind")).isEqualTo("monitoring_form");
        assertThat(overdue.text("/obligations/0/ruleId")).isEqualTo("OBL-FORM");
        assertThat(overdue.body().at("/obligations/0/overdue").asBoolean()).isTrue();
        assertThat(overdue.body().at("/obligations/0/markedOverdueAt").isNull()).isTrue();

        scheduler.markOverdue();

        assertThat(get("clinician", c).body().at("/obligations/0/markedOverdueAt").isNull())
                .as("the course records when its obligation became overdue").isFalse();
        eventually(() -> !get("clinician", "/api/v1/obligations?status=overdue&courseId=" + id).body().at("/obligations/0/markedOverdueAt").isNull());
        scheduler.markOverdue(); // nothing newly overdue: records nothing more
        long entries = get("clinician", c).body().at("/entries").asLong();
        assertThat(entries).as("six acts, the obligation, and one overdue mark").isEqualTo(8);

        Answer refused = post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg"));
        assertThat(refused.status()).as("an overdue form blocks dosing").isEqualTo(422);
        assertThat(refused.text("/violations/0/ruleId")).isEqualTo("OBL-FORM");

        assertThat(post("clinician", c + "/obligations/OBLIGATION-1/fulfilment", Map.of()).status()).isEqualTo(200);
        eventually(() -> get("clinician", "/api/v1/obligations?status=open&courseId=" + id).body().at("/obligations").isEmpty());
        Answer all = get("clinician", "/api/v1/obligations?status=all&courseId=" + id);
        assertThat(all.body().at("/obligations")).hasSize(1);
        assertThat(all.body().at("/total").asLong()).isEqualTo(1);
        assertThat(all.body().at("/next").isNull()).as("the last page").isTrue();
        assertThat(get("clinician", "/api/v1/obligations?status=someday").status()).isEqualTo(400);
    }
}
