package org.kap.bench.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The engine, signed in one way. Each course is screened under the example protocol kap-im v1 (the README's demo
 * client); the cheap command is an outcome score (PHQ-9) at the time of sending. The reads of the mix: half the
 * course itself, a quarter the first page of the course list, a quarter a history page of the course (an auditor's
 * read, recorded as an access).
 */
final class EngineTarget implements Target {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Server server;
    private final String run;
    private final String clinician;
    private final String auditor;

    EngineTarget(String name, Server server, Credentials credentials, String run) {
        this.name = name;
        this.server = server;
        this.run = run;
        // one header per user for the whole run: a token is signed once, as a client holds one until it expires
        this.clinician = credentials.authorization("clinician");
        this.auditor = credentials.authorization("auditor");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Server server() {
        return server;
    }

    private String courseId(int course) {
        return "bench-" + run + "-" + course;
    }

    @Override
    public HttpRequest opening(int course) {
        String id = courseId(course);
        return post("/api/v1/courses", "{\"courseId\":\"" + id + "\",\"clientId\":\"client-" + id + "\",\"protocol\":{\"id\":\"kap-im\",\"version\":1},"
                + "\"indication\":\"depression\",\"at\":\"" + Instant.now() + "\",\"profile\":{\"ageYears\":42,\"weight\":\"80 kg\","
                + "\"diagnoses\":[\"major_depressive_disorder\"],\"pregnant\":false,"
                + "\"vitals\":{\"systolic\":\"128 mmHg\",\"diastolic\":\"82 mmHg\"}}}");
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(TIMEOUT)
                .header("Authorization", clinician).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Override
    public HttpRequest command(int course, SplittableRandom random) {
        return post("/api/v1/courses/" + courseId(course) + "/outcome-measures",
                "{\"instrument\":\"phq9\",\"score\":" + random.nextInt(28) + "}");
    }

    @Override
    public HttpRequest read(int course, SplittableRandom random) {
        int kind = random.nextInt(4);
        String path = kind < 2 ? "/api/v1/courses/" + courseId(course)
                : kind == 2 ? "/api/v1/courses?size=20" : "/api/v1/courses/" + courseId(course) + "/history?size=100";
        return HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(TIMEOUT)
                .header("Authorization", kind == 3 ? auditor : clinician).GET().build();
    }
}
