package org.kap.api.courses;

import java.time.Instant;
import java.util.List;

/**
 * A page of the course list.
 *
 * @param next where the next page begins ({@code ?after=}), null on the last page
 */
public record CoursePage(List<Summary> courses, int page, int size, long total, String next) {

    public record Summary(String courseId, String clientId, String protocolId, int protocolVersion, String status,
                          int sessions, Instant screenedAt, Instant lastActAt) {
    }
}
