package org.kap.api.bench;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.pages.PageSession;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not part of the suite (surefire does not pick up *Benchmark): what each page costs, over HTTP with a signed-in page
 * session, for a course of 20 events against one of 2,000 in the same run (docs/benchmarks.md, "Pages"). Each course
 * has had a dosing session (so its monitoring form exists) and then outcome scores. It prints numbers and asserts
 * nothing about time.
 */
class PageBenchmark extends ApiTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private static final Actor CLINICIAN = Actor.of("clinician", Role.CLINICIAN);
    private static final long D = 2 * 24 * 60;

    private void ok(ApiTest.Answer answer) {
        if (answer.status() >= 300) {
            throw new IllegalStateException(answer.status() + ": " + answer.raw());
        }
    }

    /** A course through one dosing session and its integration, then outcome scores up to {@code events} events. */
    private String course(int events, Instant t) {
        String id = "page-" + events + "-" + java.util.UUID.randomUUID();
        String base = "/api/v1/courses/" + id;
        ok(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))));
        ok(post("clinician", base + "/consent", Map.of("at", at(t, 5))));
        ok(post("therapist", base + "/preparation-sessions", Map.of("at", at(t, 60))));
        ok(post("prescriber", base + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg", "at", at(t, D)),
                Map.of("Signature-Password", "prescriber-demo")));
        ok(post("clinician", base + "/sessions", Map.of("setting", List.of("pulse_oximeter"), "at", at(t, D + 10),
                "preDoseVitals", Map.of("systolic", "126 mmHg", "diastolic", "80 mmHg"))));
        ok(post("clinician", base + "/vitals", Map.of("vitals", Map.of("measuredAt", at(t, D + 40), "systolic", "130 mmHg",
                "diastolic", "82 mmHg", "heartRate", "76 bpm", "spo2", "97 %"))));
        ok(post("clinician", base + "/discharge", Map.of("scores", Map.of("moaas", 5), "escortPresent", true,
                "transport", "driven_by_escort", "at", at(t, D + 140))));
        ok(post("therapist", base + "/integrations", Map.of("at", at(t, D + 36 * 60))));
        long recorded = get("clinician", base).body().path("entries").asLong();
        for (long i = recorded; i < events; i++) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new CourseCommand.RecordOutcomeMeasure(id,
                    Instrument.PHQ9, (int) (i % 28), CLINICIAN, t.plus(D + 37 * 60, ChronoUnit.MINUTES).plusSeconds(i))));
        }
        return id;
    }

    private static String at(Instant t, long minutes) {
        return t.plus(minutes, ChronoUnit.MINUTES).toString();
    }

    private static double median(PageSession session, String path) {
        return Medians.of(20, 31, () -> {
            HttpResponse<String> page = session.get(path);
            if (page.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + page.statusCode());
            }
        });
    }

    private PageSession signedIn(String user) {
        PageSession session = new PageSession(port);
        if (session.signIn(user, user + "-demo").statusCode() != 302) {
            throw new IllegalStateException(user + " could not sign in");
        }
        return session;
    }

    @Test
    void pages_of_a_short_and_a_long_course() {
        if (publish("api-test.kap").status() >= 300) {
            throw new IllegalStateException("the test protocol was not published");
        }
        Instant t = Instant.now().minus(30, ChronoUnit.DAYS);
        String small = course(20, t);
        String large = course(2_000, t);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM course_summary WHERE course_id = ? AND entries = 2000", Integer.class,
                large) == 1);
        PageSession clinician = signedIn("clinician");
        PageSession auditor = signedIn("auditor");
        PageSession designer = signedIn("designer");
        System.out.println("| page | 20 events | 2,000 events | ratio |");
        System.out.println("|---|---|---|---|");
        for (Object[] page : new Object[][] {
                {"home (clinician)", clinician, "/", "/"},
                {"course page (clinician)", clinician, "/pages/courses/SMALL", "/pages/courses/LARGE"},
                {"course page (auditor)", auditor, "/pages/courses/SMALL", "/pages/courses/LARGE"},
                {"audit view, first timeline page", auditor, "/pages/courses/SMALL/audit", "/pages/courses/LARGE/audit"},
                {"audit view, last timeline page", auditor, "/pages/courses/SMALL/audit?page=0", "/pages/courses/LARGE/audit?page=19"},
                {"verification (fetched by the audit view once shown)", auditor, "/pages/courses/SMALL/verification?part=verdict",
                        "/pages/courses/LARGE/verification?part=verdict"},
                {"REMS monitoring form", clinician, "/pages/courses/SMALL/sessions/1/monitoring-form",
                        "/pages/courses/LARGE/sessions/1/monitoring-form"},
                {"protocol workbench (designer)", designer, "/pages/protocols/workbench", "/pages/protocols/workbench"}}) {
            double a = median((PageSession) page[1], ((String) page[2]).replace("SMALL", small));
            double b = median((PageSession) page[1], ((String) page[3]).replace("LARGE", large));
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1fx |%n", page[0], a, b, b / a);
        }
    }
}
