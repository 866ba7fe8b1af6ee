package org.kap.bench.load;

import java.net.http.HttpRequest;
import java.util.SplittableRandom;

/** One app under load: how to open its courses, and the requests of the mix. */
interface Target {

    String name();

    Server server();

    /** The request that opens (screens) course {@code course}; answered 201. */
    HttpRequest opening(int course);

    /**
     * Opens the courses {@code from .. from + count - 1} (the requests below address courses by index) and answers when
     * all are open.
     */
    default void openCourses(int from, int count) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (int i = from; i < from + count; i++) {
            java.net.http.HttpResponse<String> answer = http.send(opening(i), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException(name() + ": opening course " + i + " answered " + answer.statusCode() + " " + answer.body());
            }
        }
    }

    /** The cheap command: one outcome score on course {@code course}. */
    HttpRequest command(int course, SplittableRandom random);

    /** One read of the mix, on course {@code course} or a page of the store. */
    HttpRequest read(int course, SplittableRandom random);
}
