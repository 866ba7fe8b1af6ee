package org.kap.bench.load;

import java.net.http.HttpRequest;
import java.util.SplittableRandom;

/** One app under load: how to open its courses, and the requests of the mix. */
interface Target {

    String name();

    Server server();

    /**
     * Opens the courses {@code from .. from + count - 1} (the requests below address courses by index) and answers when
     * all are open.
     */
    void openCourses(int from, int count) throws Exception;

    /** The cheap command: one outcome score on course {@code course}. */
    HttpRequest command(int course, SplittableRandom random);

    /** One read of the mix, on course {@code course} or a page of the store. */
    HttpRequest read(int course, SplittableRandom random);
}
