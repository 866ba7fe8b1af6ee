package org.kap.api.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kap.api.KapProperties;
import org.kap.core.audit.Checkpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signed head's two ways forward: onto the head this engine signed, one conditional write; onto any other stored
 * head, the row read, locked and verified in full first.
 */
class CheckpointsTest {

    private static final String COURSE = "C-1";

    @TempDir
    Path keys;
    private final List<String> statements = new ArrayList<>();
    private JdbcTemplate jdbc;
    private Checkpoints checkpoints;

    @BeforeEach
    void store() throws Exception {
        jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            @Override
            public int update(String sql, Object... args) {
                statements.add(sql);
                return super.update(sql, args);
            }

            @Override
            public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
                statements.add(sql);
                return super.query(sql, rowMapper, args);
            }
        };
        jdbc.execute(Files.readString(Path.of("src/main/resources/db/migration/h2/V10__course_checkpoint.sql")));
        KapProperties settings = new KapProperties(null, 100, 2000, 20000, null, null, false, 65536, null, null, null, null,
                new KapProperties.Signing(keys, null, true), null, null);
        checkpoints = new Checkpoints(jdbc, new EngineKeys(settings), Clock.systemUTC(), null);
    }

    @Test
    void onto_the_head_signed_here_the_new_head_is_one_write_without_reading_the_row() {
        checkpoints.extend(COURSE, 0, null, 2, "h2");
        statements.clear();

        Checkpoint next = checkpoints.extend(COURSE, 2, "h2", 3, "h3");

        assertThat(statements).hasSize(1).allMatch(sql -> sql.startsWith("UPDATE course_checkpoint"));
        assertThat(checkpoints.of(COURSE)).contains(next);
        assertThat(next.headHash()).isEqualTo("h3");
        assertThat(next.eventCount()).isEqualTo(3);
    }

    @Test
    void a_stored_head_edited_since_is_read_and_verified_and_refused() {
        checkpoints.extend(COURSE, 0, null, 2, "h2");
        jdbc.update("UPDATE course_checkpoint SET head_hash = ? WHERE course_id = ?", "forged", COURSE);
        statements.clear();

        assertThatThrownBy(() -> checkpoints.extend(COURSE, 2, "forged", 3, "h3")).isInstanceOf(CourseIntegrityException.class)
                .hasMessageContaining("does not verify");
        assertThat(statements).anyMatch(sql -> sql.contains("FOR UPDATE"));
        assertThat(checkpoints.of(COURSE).orElseThrow().headHash()).isEqualTo("forged"); // nothing written over it
    }

    @Test
    void events_that_do_not_chain_onto_the_head_signed_here_are_refused() {
        checkpoints.extend(COURSE, 0, null, 2, "h2");

        assertThatThrownBy(() -> checkpoints.extend(COURSE, 2, "other", 3, "h3")).isInstanceOf(CourseIntegrityException.class)
                .hasMessageContaining("rewritten");
        assertThatThrownBy(() -> checkpoints.extend(COURSE, 1, "h2", 3, "h3")).isInstanceOf(CourseIntegrityException.class)
                .hasMessageContaining("covers 2 events");
        assertThat(checkpoints.of(COURSE).orElseThrow().headHash()).isEqualTo("h2");
    }

    @Test
    void a_head_signed_here_and_put_back_after_a_newer_one_is_refused() {
        Checkpoint older = checkpoints.extend(COURSE, 0, null, 2, "h2");
        checkpoints.extend(COURSE, 2, "h2", 3, "h3");
        jdbc.update("UPDATE course_checkpoint SET event_count = ?, head_hash = ?, signed_at = ?, signature = ? WHERE course_id = ?",
                older.eventCount(), older.headHash(), older.signedAt(), older.signature(), COURSE);

        // the next events chain onto the newer head, which is no longer the stored one: read, and found not to cover them
        assertThatThrownBy(() -> checkpoints.extend(COURSE, 3, "h3", 4, "h4")).isInstanceOf(CourseIntegrityException.class)
                .hasMessageContaining("covers 2 events");
        assertThat(checkpoints.of(COURSE).orElseThrow()).isEqualTo(older);
    }
}
