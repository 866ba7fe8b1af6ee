package org.kap.api.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.kap.api.courses.CourseNotFound;
import org.kap.api.courses.DecisionView.FindingView;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseState;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A course's history as auditors read it: every event in order with who, when (clinical and
 * recording time), under which protocol version, what the rules found, and its place in the chain;
 * and the course as it stood at any instant, rebuilt from the events recorded by then.
 */
@Service
public class CourseHistory {

    /**
     * The manifestation of an electronic signature: printed name, meaning, date and time; and, for acts signed since
     * signatures were sealed, the signer's user id, how they re-authenticated and the engine key that sealed it.
     */
    public record Signature(String name, String meaning, String signedAt, String signerId, String method, String keyId) {
    }

    /** The course as it stands and every entry of its history, in order. */
    public record Entries(CourseState course, List<Item> items) {
    }

    /**
     * One event. {@code sequence} is its place in the event store (0, 1, ...; verification names it);
     * {@code entryNumber} is its number in the course (1, 2, ...), the one corrections cite.
     */
    public record Item(long sequence, long entryNumber, String type, String summary, Instant clinicalTime, Instant recordedTime, boolean lateEntry,
                       String actorId, String actorName, String actorRole, String protocolId, int protocolVersion,
                       List<FindingView> findings, Long correctedBy, Long corrects, String correlationId, String traceId,
                       String hash, String previousHash, Signature signature) {
    }

    public record Page(String courseId, List<Item> events, int page, int size, long total) {
    }

    private final EventStore events;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final org.kap.api.courses.CourseQueries courses;
    private final Checkpoints checkpoints;

    public CourseHistory(EventStore events, org.springframework.jdbc.core.JdbcTemplate jdbc, org.kap.api.courses.CourseQueries courses,
                         Checkpoints checkpoints) {
        this.events = events;
        this.jdbc = jdbc;
        this.courses = courses;
        this.checkpoints = checkpoints;
    }

    public List<DomainEventMessage<?>> messages(String courseId) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        events.readEvents(courseId, 0).asStream().filter(m -> m.getPayload() instanceof CourseEvent).forEach(messages::add);
        if (messages.isEmpty()) {
            throw new CourseNotFound(courseId);
        }
        return messages;
    }

    /**
     * One page of the history: only the page's events are read; what links them to entries on other pages (the
     * version each was recorded under, the entry that corrects it) is the course's own answer, from the fold kept from
     * its last read and folded on through the events since ({@link org.kap.api.courses.CourseQueries#reading}), so a
     * page costs the same at any length of course and its events' writes maintain no index for it.
     */
    public Page page(String courseId, int page, int size) {
        long first = (long) page * size;
        // the page's events first, then the course: the course then folds every event of the page (and perhaps more)
        List<? extends DomainEventMessage<?>> onPage = events.readEvents(courseId, first).asStream()
                .filter(m -> m.getPayload() instanceof CourseEvent).limit(size).toList();
        List<Item> items = courses.reading(courseId, course -> onPage.stream().map(m -> item(m, course)).toList());
        long total = Math.max(eventCount(courseId), first + onPage.size());
        return new Page(courseId, items, page, size, total);
    }

    /**
     * How many events the course has: the count its signed head holds, written in the transaction that stored its last
     * events (one row, where counting the course's events walked every one of them); counted for a course with no signed
     * head.
     */
    private long eventCount(String courseId) {
        return checkpoints.of(courseId).map(org.kap.core.audit.Checkpoint::eventCount).orElseGet(() -> {
            Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND type = ?",
                    Long.class, courseId, "TreatmentCourse");
            return count == null ? 0 : count;
        });
    }

    /**
     * The course as it stands and its last {@code count} entries, oldest first: only those are read (after the course
     * itself, from its snapshot), so the course page costs the same at any length of course.
     */
    public Entries recent(String courseId, int count) {
        CourseState whole = courses.current(courseId);
        long from = Math.max(0, whole.entries() - count);
        List<? extends DomainEventMessage<?>> last = events.readEvents(courseId, from).asStream()
                .filter(m -> m.getPayload() instanceof CourseEvent).toList();
        List<Item> items = last.subList(Math.max(0, last.size() - count), last.size()).stream().map(m -> item(m, whole)).toList();
        return new Entries(whole, items);
    }

    /**
     * The course on both clocks: the acts that happened by {@code clinical} (their clinical time), as the record
     * held them at {@code recorded} (their recording time); either bound may be null. Clinical alone: what is known
     * now of the course at that moment, late entries included. Recorded alone: the record as it stood then, which
     * is what anyone reading it then saw.
     */
    public CourseState asOf(String courseId, Instant clinical, Instant recorded) {
        // by recording time alone, the record as it stood, folded from the first event with no snapshot: at the present
        // moment, the check of the course that leans on no snapshot (docs/audit.md)
        return (clinical == null ? java.util.Optional.<CourseState>empty() : fromSnapshot(courseId, clinical, recorded))
                .orElseGet(() -> asOfFromFirstEvent(courseId, clinical, recorded));
    }

    /**
     * The course on both clocks from its sealed snapshot and the events after it, when every entry the snapshot folds
     * happened and was recorded by the bounds ({@link CourseState#wholeBy}): every one of them is then chosen, in order,
     * so the snapshot is the fold of what {@link #asOfFromFirstEvent} would choose from its part of the log, and only
     * the events after it are chosen one by one. Empty when the course has no such snapshot (none, one of an older
     * shape, one that does not read, or one reaching past the bounds): the caller folds from the first event.
     */
    java.util.Optional<CourseState> fromSnapshot(String courseId, Instant clinical, Instant recorded) {
        try {
            org.axonframework.eventsourcing.eventstore.DomainEventStream stream = events.readEvents(courseId);
            if (!stream.hasNext() || !(stream.peek().getPayload() instanceof org.kap.core.course.TreatmentCourse snapshot)
                    || !snapshot.state().wholeBy(clinical, recorded)) {
                return java.util.Optional.empty();
            }
            stream.next();
            CourseState state = snapshot.state();
            long folded = state.entries();
            java.util.Set<Long> included = new java.util.HashSet<>();
            while (stream.hasNext()) {
                if (stream.next().getPayload() instanceof CourseEvent e
                        && chosen(e, clinical, recorded, about -> about <= folded || included.contains(about))) {
                    state.apply(e);
                    included.add(e.entry().number());
                }
            }
            return java.util.Optional.of(state);
        } catch (org.axonframework.serialization.SerializationException unreadableSnapshot) {
            return java.util.Optional.empty();
        }
    }

    /** Whether an event belongs to the course on both clocks, given which entries before it do ({@code included}). */
    private static boolean chosen(CourseEvent e, Instant clinical, Instant recorded, java.util.function.LongPredicate included) {
        boolean recordedBy = recorded == null || !e.entry().recordedTime().isAfter(recorded);
        java.util.OptionalLong about = aboutEntry(e);
        boolean happened = about.isPresent() ? included.test(about.getAsLong())
                : clinical == null || !e.entry().clinicalTime().isAfter(clinical);
        return recordedBy && happened;
    }

    /** {@link #asOf}, every event of the course chosen one by one from the first. */
    CourseState asOfFromFirstEvent(String courseId, Instant clinical, Instant recorded) {
        // a correction (and what it rechecked or flagged) is about an earlier entry: it belongs to the course as of any
        // moment that entry belongs to, once it was recorded, whenever it was made
        java.util.Set<Long> included = new java.util.HashSet<>();
        List<DomainEventMessage<?>> chosen = new ArrayList<>();
        for (DomainEventMessage<?> m : messages(courseId)) {
            CourseEvent e = (CourseEvent) m.getPayload();
            if (chosen(e, clinical, recorded, included::contains)) {
                chosen.add(m);
                included.add(e.entry().number());
            }
        }
        CourseState state = fold(chosen, m -> true);
        if (!state.started()) {
            throw new CourseNotFound(courseId + (clinical == null ? "" : " as of " + clinical)
                    + (recorded == null ? "" : " as recorded by " + recorded));
        }
        return state;
    }

    /** Every entry of the course, with the course they add up to (for readable renderings of the record). */
    public Entries entries(String courseId) {
        List<DomainEventMessage<?>> all = messages(courseId);
        CourseState whole = fold(all, m -> true);
        return new Entries(whole, all.stream().map(m -> item(m, whole)).toList());
    }

    /** A line per event, for people. */
    public String timeline(String courseId) {
        List<DomainEventMessage<?>> all = messages(courseId);
        CourseState whole = fold(all, m -> true);
        StringBuilder text = new StringBuilder("Course " + courseId + " under " + whole.protocol() + ", client " + whole.clientId()
                + "\n\n");
        for (DomainEventMessage<?> m : all) {
            Item i = item(m, whole);
            text.append(String.format(Locale.ROOT, "#%-3d %s  %-22s %s (%s)%s%n", i.entryNumber(), i.clinicalTime(), i.type(),
                    i.actorName(), i.actorRole(), i.lateEntry() ? "  [late entry, recorded " + i.recordedTime() + "]" : ""));
            text.append("      ").append(i.summary()).append('\n');
            i.findings().forEach(f -> text.append("      ").append(f.severity()).append(' ').append(f.text()).append('\n'));
            if (i.signature() != null) {
                text.append("      signed by ").append(i.signature().name()).append(" (").append(i.signature().meaning())
                        .append(") at ").append(i.signature().signedAt()).append('\n');
            }
            if (i.correctedBy() != null) {
                text.append("      corrected by #").append(i.correctedBy()).append('\n');
            }
        }
        return text.toString();
    }

    /** The earlier entry a correction, a recheck or a flag is about; empty for every other event. */
    private static java.util.OptionalLong aboutEntry(CourseEvent e) {
        if (e instanceof CourseEvent.EntryCorrected c) {
            return java.util.OptionalLong.of(c.correctedEntry());
        }
        if (e instanceof CourseEvent.ScreeningRechecked r) {
            return java.util.OptionalLong.of(r.correctedEntry());
        }
        if (e instanceof CourseEvent.PastDecisionFlagged f) {
            return java.util.OptionalLong.of(f.cause());
        }
        return java.util.OptionalLong.empty();
    }

    /** The columns of the CSV timeline, one row per event. */
    static final List<String> CSV_COLUMNS = List.of("entry", "sequence", "type", "clinical_time", "recorded_time", "late_entry",
            "actor_id", "actor_name", "actor_role", "protocol", "summary", "findings", "signed_by", "signature_meaning", "signed_at",
            "corrects_entry", "corrected_by_entry", "correlation_id", "hash", "previous_hash");

    /**
     * The timeline as CSV (RFC 4180), for spreadsheets and archives: one row per event with both clocks, who, under
     * which protocol version, what it said and found, its signature and its place in the chain.
     */
    public String csv(String courseId) {
        List<DomainEventMessage<?>> all = messages(courseId);
        CourseState whole = fold(all, m -> true);
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (DomainEventMessage<?> m : all) {
            Item i = item(m, whole);
            List<Object> row = java.util.Arrays.asList(i.entryNumber(), i.sequence(), i.type(), i.clinicalTime(), i.recordedTime(),
                    i.lateEntry(), i.actorId(), i.actorName(), i.actorRole(), i.protocolId() + " v" + i.protocolVersion(), i.summary(),
                    i.findings().stream().map(f -> f.severity() + " " + f.text()).collect(java.util.stream.Collectors.joining("; ")),
                    i.signature() == null ? null : i.signature().name(), i.signature() == null ? null : i.signature().meaning(),
                    i.signature() == null ? null : i.signature().signedAt(), i.corrects(), i.correctedBy(), i.correlationId(), i.hash(),
                    i.previousHash());
            out.append(row.stream().map(CourseHistory::csvField).collect(java.util.stream.Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    /**
     * One CSV field: quoted when it holds a comma, quote or line break; text a spreadsheet would take for a formula
     * (starting with = + - @ or a tab) is prefixed with an apostrophe, so opening the file never runs anything.
     */
    static String csvField(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static CourseState fold(List<DomainEventMessage<?>> messages, Predicate<DomainEventMessage<?>> included) {
        CourseState state = new CourseState();
        messages.stream().filter(included).forEach(m -> state.apply((CourseEvent) m.getPayload()));
        return state;
    }

    private static Item item(DomainEventMessage<?> m, CourseState course) {
        CourseEvent e = (CourseEvent) m.getPayload();
        var meta = m.getMetaData();
        Signature signature = meta.containsKey(ChainVerification.SIGNER) ? new Signature(String.valueOf(meta.get(ChainVerification.SIGNER)),
                String.valueOf(meta.get(ChainVerification.MEANING)), String.valueOf(meta.get(ChainVerification.SIGNED_AT)),
                text(meta.get(ChainVerification.SIGNER_ID)), text(meta.get(ChainVerification.METHOD)),
                text(meta.get(ChainVerification.SEAL_KEY_ID))) : null;
        Long corrects = e instanceof CourseEvent.EntryCorrected c ? c.correctedEntry() : null;
        return new Item(m.getSequenceNumber(), e.entry().number(), e.getClass().getSimpleName(), EventSummary.of(e), e.entry().clinicalTime(),
                e.entry().recordedTime(), e.entry().late(), e.entry().actor().id(), e.entry().actor().name(),
                e.entry().actor().role().name().toLowerCase(Locale.ROOT), course.protocolAt(e.entry().number()).id(),
                course.protocolAt(e.entry().number()).version(),
                e.findings().stream().map(FindingView::of).toList(), course.correctionOf(e.entry().number()).orElse(null), corrects,
                text(meta.get("correlationId")), text(meta.get("traceId")), text(meta.get(ChainHasher.HASH)),
                text(meta.get(ChainHasher.PREVIOUS_HASH)), signature);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

}
