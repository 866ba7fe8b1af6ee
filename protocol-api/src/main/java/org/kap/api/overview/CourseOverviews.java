package org.kap.api.overview;

import org.kap.api.audit.CourseHistory;
import org.kap.api.courses.CourseQueries;
import org.kap.api.courses.CourseView;
import org.kap.core.course.Actor;
import org.kap.core.course.ClinicalTimePolicy;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a course and its overview together: the course from its snapshot and newest events, and only its last entries,
 * so both cost the same for a long course as for a short one.
 */
@Service
public class CourseOverviews {

    /** How many of the course's last entries the overview lists, newest first. */
    public static final int RECENT_ENTRIES = 12;

    /** The course as it stands and its overview, read once. */
    public record Read(CourseView course, CourseOverview overview) {
    }

    private final CourseHistory history;
    private final CourseQueries courses;
    private final ClinicalTimePolicy time;

    CourseOverviews(CourseHistory history, CourseQueries courses, ClinicalTimePolicy time) {
        this.history = history;
        this.courses = courses;
        this.time = time;
    }

    public Read read(String courseId, Actor reader) {
        CourseHistory.Entries recent = history.recent(courseId, RECENT_ENTRIES);
        var state = recent.course();
        List<CourseOverview.RecentEntry> newestFirst = new ArrayList<>(recent.items().stream().map(CourseOverview.RecentEntry::of).toList());
        Collections.reverse(newestFirst);
        CourseOverview overview = CourseOverview.of(state, courses.protocolOf(state), newestFirst, time.clock().instant(),
                time.clinicZone(), reader);
        return new Read(courses.view(state), overview);
    }
}
