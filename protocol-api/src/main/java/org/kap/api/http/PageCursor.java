package org.kap.api.http;

import org.kap.core.course.InvalidCommandException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Where a list's next page begins (keyset paging): the sort key of the last row of the page before, a time and the ids
 * that break its ties, as opaque text. A page read from a cursor starts in the index at that key, so it costs the page
 * at any depth of the list; a row added or removed meanwhile neither repeats nor skips another. Text that is not a
 * cursor of the same list is refused (400 on {@code after}).
 *
 * @param at  the last row's time
 * @param ids the last row's tie-breaking ids, in the list's order
 */
public record PageCursor(Instant at, List<String> ids) {

    private static final String SEPARATOR = "\n";

    public PageCursor {
        ids = List.copyOf(ids);
    }

    public static PageCursor of(Instant at, String... ids) {
        return new PageCursor(at, Arrays.asList(ids));
    }

    /** The cursor as opaque URL-safe text. */
    public String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + SEPARATOR + String.join(SEPARATOR, ids))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The first and last times a list's rows can hold (what an SQL timestamp holds): a cursor outside is none of ours. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** The cursor {@code text} of a list whose rows are broken by {@code idCount} ids. */
    public static PageCursor parse(String text, int idCount) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (parts.length != idCount + 1) {
                throw new IllegalArgumentException("parts");
            }
            Instant at = Instant.parse(parts[0]);
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new IllegalArgumentException("time");
            }
            return new PageCursor(at, Arrays.asList(parts).subList(1, parts.length));
        } catch (IllegalArgumentException | DateTimeParseException notACursor) {
            throw new InvalidCommandException("after", "not a cursor this list gave (use the 'next' of the page before)");
        }
    }

    /** A page of a list read one row beyond its size, and where the next page begins (null: this is the last). */
    public record Page<T>(List<T> rows, String next) {
    }

    /**
     * The page of {@code size} rows from {@code read} ({@code size + 1} rows when there are more): the extra row is dropped
     * and the next page begins after the page's last row, whose cursor {@code cursorOf} gives.
     */
    public static <T> Page<T> page(List<T> read, int size, java.util.function.Function<T, PageCursor> cursorOf) {
        if (read.size() <= size) {
            return new Page<>(List.copyOf(read), null);
        }
        List<T> rows = List.copyOf(read.subList(0, size));
        return new Page<>(rows, cursorOf.apply(rows.get(size - 1)).text());
    }
}
