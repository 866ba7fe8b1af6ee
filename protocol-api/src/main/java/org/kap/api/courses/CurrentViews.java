package org.kap.api.courses;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.kap.api.audit.StoredEvents;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.ProtocolRef;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The course as the API showed it last, kept for the next read while its record has not moved: a course is read far
 * more often than it is acted on (a clinician's screen, a monitoring system), and each read otherwise deserialises its
 * snapshot, whose outcome scores grow with the course, and folds the events after it.
 *
 * <p>A kept view is answered only when the store's last event of the course is still, byte for byte, the row the view
 * was folded up to (its sequence and its metadata, which carries the event's chain hash): any act since, by this
 * engine or another, or a last row changed, and the course is folded again. And only when the course's protocol
 * loads as the same text it did then (the view matches the client's codes against that text's value sets): a version
 * the catalog now refuses (its stored text or status changed) is read again, so the view says so. Held up to {@code kap.cached-courses} courses, those least often and
 * least recently read let go first.
 */
final class CurrentViews {

    /** {@code protocolText}: the SHA-256 of the protocol text the view was shown with, null when it did not load. */
    private record Kept(StoredEvents.Head head, ProtocolRef protocolRef, String protocolText, CourseView view) {
    }

    private final Cache<String, Kept> kept;
    private final StoredEvents stored;

    CurrentViews(StoredEvents stored, int maximumCourses) {
        this.stored = stored;
        this.kept = Caffeine.newBuilder().maximumSize(maximumCourses).build();
    }

    /**
     * The view kept for the course, if its record has not moved since and {@code protocolNow} loads its protocol as the
     * same text (or fails to load it as it did then).
     */
    Optional<CourseView> stillCurrent(String courseId, Function<ProtocolRef, Optional<Protocol>> protocolNow) {
        Kept view = kept.getIfPresent(courseId);
        if (view == null) {
            return Optional.empty();
        }
        Optional<StoredEvents.Head> head = stored.lastFrom(courseId, view.head().sequence());
        if (head.isEmpty() || !head.get().sameAs(view.head())
                || !Objects.equals(textOf(protocolNow.apply(view.protocolRef())), view.protocolText())) {
            kept.invalidate(courseId);
            return Optional.empty();
        }
        return Optional.of(view.view());
    }

    /** Keeps {@code view}, folded up to the event at {@code sequence}, under the protocol it was shown with. */
    void keep(String courseId, long sequence, ProtocolRef protocolRef, Optional<Protocol> protocol, CourseView view) {
        stored.lastFrom(courseId, sequence).filter(head -> head.sequence() == sequence)
                .ifPresentOrElse(head -> kept.put(courseId, new Kept(head, protocolRef, textOf(protocol), view)),
                        () -> kept.invalidate(courseId));
    }

    private static String textOf(Optional<Protocol> protocol) {
        return protocol.map(Protocol::sourceSha256).orElse(null);
    }
}
