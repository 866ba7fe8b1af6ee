package org.kap.api.audit;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What-if: a tighter dose limit marks an earlier approval as would-be-refused; an identical version differs nowhere. */
class WhatIfApiTest extends ApiTest {

    private String text() throws Exception {
        return new String(getClass().getResourceAsStream("/protocols/api-test.kap").readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void a_tighter_start_dose_would_have_refused_the_first_approval_and_an_identical_version_changes_nothing() throws Exception {
        String v1 = text();
        assertThat(post("designer", "/api/v1/protocols", v1).status()).isIn(200, 201);
        String tighter = v1.replace("version 1", "version 2").replace("start at most 0.5 mg/kg", "start at most 0.4 mg/kg");
        assertThat(post("designer", "/api/v1/protocols", tighter).status()).isIn(200, 201);
        String identical = v1.replace("version 1", "version 3");
        assertThat(post("designer", "/api/v1/protocols", identical).status()).isIn(200, 201);

        String id = "whatif-" + UUID.randomUUID();
        String c = "/api/v1/courses/" + id;
        Instant t = Instant.now().minus(6, ChronoUnit.DAYS);
        post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-w",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg")));
        post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString()));
        post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()));
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg",
                "at", t.plusSeconds(180).toString())).status()).isEqualTo(200);
        assertThat(post("clinician", c + "/sessions", Map.of("setting", List.of("pulse_oximeter"), "at", t.plusSeconds(240).toString(),
                "preDoseVitals", Map.of("systolic", "120 mmHg", "diastolic", "80 mmHg"))).status()).isEqualTo(200);
        assertThat(post("clinician", c + "/discharge", Map.of("scores", Map.of("moaas", 5), "escortPresent", true,
                "transport", "taxi", "at", t.plus(3, ChronoUnit.HOURS).toString())).status()).isEqualTo(200);
        long entries = get("auditor", c).body().at("/entries").asLong();

        Answer tight = post("auditor", c + "/what-if", Map.of("protocol", Map.of("id", "api-test", "version", 2)));
        assertThat(tight.status()).as(tight.raw()).isEqualTo(200);
        assertThat(tight.text("/recordedUnder")).isEqualTo("api-test v1");
        assertThat(tight.text("/evaluatedUnder")).isEqualTo("api-test v2");
        assertThat(tight.body().at("/decisionsEvaluated").asInt()).isEqualTo(4);
        assertThat(tight.body().at("/differences")).hasSize(1);
        assertThat(tight.text("/differences/0/sequence")).isEqualTo("3");
        assertThat(tight.text("/differences/0/act")).isEqualTo("DoseApproved");
        assertThat(tight.text("/differences/0/recordedOutcome")).isEqualTo("allowed");
        assertThat(tight.text("/differences/0/wouldBeOutcome")).isEqualTo("refused");
        assertThat(tight.text("/differences/0/wouldBe/0/text")).matches("DOSE-IM-START: first dose 0\\.5 mg/kg \\(40 mg at 80 kg weighed \\d{4}-\\d{2}-\\d{2}\\) > 0\\.4 mg/kg");

        Answer same = post("auditor", c + "/what-if", Map.of("protocol", Map.of("id", "api-test", "version", 3)));
        assertThat(same.body().at("/differences")).isEmpty();
        assertThat(same.body().at("/decisionsEvaluated").asInt()).isEqualTo(4);

        assertThat(get("auditor", c).body().at("/entries").asLong()).as("what-if records nothing").isEqualTo(entries);
        assertThat(post("auditor", c + "/what-if", Map.of("protocol", Map.of("id", "api-test", "version", 9))).status()).isEqualTo(404);
        assertThat(post("clinician", c + "/what-if", Map.of("protocol", Map.of("id", "api-test", "version", 2))).status()).isEqualTo(403);
    }
}
