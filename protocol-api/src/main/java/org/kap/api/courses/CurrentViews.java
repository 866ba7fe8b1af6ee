package org.kap.api.courses;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.kap.api.audit.StoredEvents;
import org.kap.core.course.CourseState;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.ProtocolRef;

import java.time.Instant;
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
 *
 * <p>What the view was folded from is kept too (a {@link Fold}), so the read after an act folds only the events stored
 * since, where it would otherwise read the course's snapshot again: taken only while the row it was folded up to is
 * still stored byte for byte, the same check as the view's, and held by one read at a time (taken out, folded on, put
 * back). Held up to {@code kap.cached-fold-entries} events in all, those of the courses least recently read let go
 * first: a fold holds what the course's snapshot does.
 */
final class CurrentViews {

    /**
     * {@code protocolText}: the SHA-256 of the protocol text the view was shown with, null when it did not load;
     * {@code clocks}: the latest clinical and recording times of the entries the view folds.
     */
    private record Kept(StoredEvents.Head head, ProtocolRef protocolRef, String protocolText, CourseView view,
                        CourseState.Clocks clocks) {
    }

    /** A course folded up to the stored row {@code head}; its state belongs to whoever took it from the cache. */
    record Fold(StoredEvents.Head head, CourseState state) {
    }

    private final Cache<String, Kept> kept;
    private final Cache<String, Fold> folds;
    private final StoredEvents stored;

    CurrentViews(StoredEvents stored, int maximumCourses, long maximumFoldEntries) {
        this.stored = stored;
        this.kept = Caffeine.newBuilder().maximumSize(maximumCourses).build();
        this.folds = Caffeine.newBuilder().maximumWeight(maximumFoldEntries)
                .weigher((String course, Fold fold) -> (int) Math.min(Integer.MAX_VALUE, 1 + fold.state().entries())).build();
    }

    /**
     * The view kept for the course, if its record has not moved since and {@code protocolNow} loads its protocol as the
     * same text (or fails to load it as it did then).
     */
    Optional<CourseView> stillCurrent(String courseId, Function<ProtocolRef, Optional<Protocol>> protocolNow) {
        return stillKept(courseId, protocolNow).map(Kept::view);
    }

    /**
     * The view kept for the course, as {@link #stillCurrent}, when every entry it folds happened by {@code clinical} and
     * was recorded by {@code recorded} ({@link CourseState#wholeBy}): the course on both clocks is then the whole course.
     */
    Optional<CourseView> stillCurrentWholeBy(String courseId, Instant clinical, Instant recorded,
                                             Function<ProtocolRef, Optional<Protocol>> protocolNow) {
        return stillKept(courseId, protocolNow).filter(view -> view.clocks().wholeBy(clinical, recorded)).map(Kept::view);
    }

    private Optional<Kept> stillKept(String courseId, Function<ProtocolRef, Optional<Protocol>> protocolNow) {
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
        return Optional.of(view);
    }

    /**
     * The course's kept fold, taken out of the cache (no other read folds it on meanwhile), when the row it was folded
     * up to is still stored byte for byte; empty otherwise, and then it is let go.
     */
    Optional<Fold> take(String courseId) {
        Fold fold = folds.asMap().remove(courseId);
        if (fold == null) {
            return Optional.empty();
        }
        return stored.at(courseId, fold.head().sequence()).filter(head -> head.sameAs(fold.head())).map(head -> fold);
    }

    /**
     * Keeps {@code view} and the {@code state} it shows, folded up to the event at {@code sequence}, under the protocol
     * it was shown with, while that event is still the course's last; {@code state} is the cache's from now on.
     */
    void keep(String courseId, long sequence, ProtocolRef protocolRef, Optional<Protocol> protocol, CourseView view,
              CourseState state) {
        stored.lastFrom(courseId, sequence).filter(head -> head.sequence() == sequence)
                .ifPresentOrElse(head -> {
                    kept.put(courseId, new Kept(head, protocolRef, textOf(protocol), view, state.clocks()));
                    folds.put(courseId, new Fold(head, state));
                }, () -> kept.invalidate(courseId));
    }

    /**
     * Keeps the fold {@code state}, folded up to the event at {@code sequence}, while that event is still the course's
     * last, leaving the kept view as it is (a view folded to an older event is not answered: its row is no longer the
     * last); {@code state} is the cache's from now on.
     */
    void keepFold(String courseId, long sequence, CourseState state) {
        stored.lastFrom(courseId, sequence).filter(head -> head.sequence() == sequence)
                .ifPresent(head -> folds.put(courseId, new Fold(head, state)));
    }

    private static String textOf(Optional<Protocol> protocol) {
        return protocol.map(Protocol::sourceSha256).orElse(null);
    }
}
