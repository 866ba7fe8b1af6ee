package org.kap.bench.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.SplittableRandom;

/** The raw Axon baseline: the same shape of requests, with no sign-in and nothing but the aggregate behind them. */
final class RawTarget implements Target {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Server server;
    private final String run;

    RawTarget(Server server, String run) {
        this.server = server;
        this.run = run;
    }

    @Override
    public String name() {
        return "raw Axon";
    }

    @Override
    public Server server() {
        return server;
    }

    private String courseId(int course) {
        return "raw-" + run + "-" + course;
    }

    @Override
    public HttpRequest opening(int course) {
        return post("/raw/courses", "{\"courseId\":\"" + courseId(course) + "\",\"clientId\":\"client-" + courseId(course) + "\"}");
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Override
    public HttpRequest command(int course, SplittableRandom random) {
        return post("/raw/courses/" + courseId(course) + "/scores", "{\"instrument\":\"phq9\",\"score\":" + random.nextInt(28) + "}");
    }

    @Override
    public HttpRequest read(int course, SplittableRandom random) {
        return HttpRequest.newBuilder(URI.create(server.base() + "/raw/courses/" + courseId(course))).timeout(TIMEOUT).GET().build();
    }
}
