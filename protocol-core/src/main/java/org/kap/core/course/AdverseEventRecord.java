package org.kap.core.course;

import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;

import java.time.Instant;
import java.util.Set;

/** An adverse event as the course knows it: open until resolved. */
public record AdverseEventRecord(String id, Integer sessionNumber, AdverseEventType type, int grade,
                                 Set<Seriousness> seriousness, Instant at, Instant resolvedAt) {

    public boolean serious() {
        return !seriousness.isEmpty();
    }

    public boolean open() {
        return resolvedAt == null;
    }

    AdverseEventRecord resolved(Instant when) {
        return new AdverseEventRecord(id, sessionNumber, type, grade, seriousness, at, when);
    }
}
