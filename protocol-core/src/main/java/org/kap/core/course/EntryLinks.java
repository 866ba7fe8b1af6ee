package org.kap.core.course;

import org.kap.core.rule.ProtocolRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What links a course's entries across its history, and nothing else: the protocol version each entry was recorded
 * under, and the entry that corrects each corrected one. Three kinds of event set them (a screening, a move to another
 * version, a correction), so a page of the history folds those few and not the whole course; the answers are the
 * course's own ({@link CourseState#protocolAt}, {@link CourseState#correctionOf}), which EntryLinksTest keeps true.
 */
public final class EntryLinks {

    /** The events that set the links; the others change nothing here. */
    public static final Set<Class<? extends CourseEvent>> EVENTS = Set.of(CourseEvent.ClientScreened.class,
            CourseEvent.CourseMigrated.class, CourseEvent.EntryCorrected.class);

    private record Period(ProtocolRef protocol, long fromEntry) {
    }

    private final List<Period> periods = new ArrayList<>();
    private final Map<Long, Long> corrections = new HashMap<>();

    /** Folds one event of the course, in order; any event may be given. */
    public void apply(CourseEvent event) {
        if (event instanceof CourseEvent.ClientScreened e) {
            periods.add(new Period(e.protocol(), e.entry().number()));
        } else if (event instanceof CourseEvent.CourseMigrated e) {
            periods.add(new Period(e.to(), e.entry().number()));
        } else if (event instanceof CourseEvent.EntryCorrected e) {
            corrections.put(e.correctedEntry(), e.entry().number());
        }
    }

    /** Whether the course was screened (a course that was not does not exist). */
    public boolean started() {
        return !periods.isEmpty();
    }

    /** The version in force when entry {@code entryNumber} was recorded (a move is under its new one). */
    public ProtocolRef protocolAt(long entryNumber) {
        if (periods.isEmpty()) {
            throw new IllegalStateException("a course that was not screened has no protocol");
        }
        ProtocolRef at = periods.get(0).protocol();
        for (Period period : periods) {
            if (period.fromEntry() <= entryNumber) {
                at = period.protocol();
            }
        }
        return at;
    }

    /** The entry that corrects entry {@code entryNumber}, if one does. */
    public Optional<Long> correctionOf(long entryNumber) {
        return Optional.ofNullable(corrections.get(entryNumber));
    }
}
