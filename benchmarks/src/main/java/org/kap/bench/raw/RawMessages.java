package org.kap.bench.raw;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The baseline's commands and events: a course that is opened, then takes outcome scores. */
final class RawMessages {

    private RawMessages() {
    }

    record OpenCourse(@TargetAggregateIdentifier String courseId, String clientId) {
    }

    record RecordScore(@TargetAggregateIdentifier String courseId, String instrument, int score) {
    }

    record CourseOpened(String courseId, String clientId) {
    }

    record ScoreRecorded(String courseId, String instrument, int score) {
    }
}
