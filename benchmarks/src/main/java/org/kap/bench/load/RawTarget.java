package org.kap.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    public void openCourses(int from, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = from; i < from + count; i++) {
            HttpResponse<String> answer = http.send(post("/raw/courses",
                    "{\"courseId\":\"" + courseId(i) + "\",\"clientId\":\"client-" + courseId(i) + "\"}"), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("raw: opening " + courseId(i) + " answered " + answer.statusCode() + " " + answer.body());
            }
        }
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
