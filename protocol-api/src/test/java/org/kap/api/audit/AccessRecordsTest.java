package org.kap.api.audit;

import org.junit.jupiter.api.Test;
import org.kap.api.KapProperties;
import org.kap.api.security.CurrentActor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The refusal side of the access records, without a server: what is kept, and that keeping it never fails a refusal. */
class AccessRecordsTest {

    /** A database that is down: every write fails. */
    private static final class UnreachableDatabase extends JdbcTemplate {
        int attempts;

        @Override
        public int update(String sql, Object... args) {
            attempts++;
            throw new DataAccessResourceFailureException("the database is down");
        }
    }

    /** A database that keeps what it is given, to look at. */
    private static final class WrittenRows extends JdbcTemplate {
        final List<Object[]> rows = new ArrayList<>();

        @Override
        public int update(String sql, Object... args) {
            rows.add(args);
            return 1;
        }
    }

    private static final CurrentActor NO_USERS = new CurrentActor(new KapProperties(null, 100, 2000, 20000, null, null, false, 65536, null, null, null, null, null, null, null));

    @Test
    void a_record_that_cannot_be_written_leaves_the_refusal_as_it_was() {
        UnreachableDatabase down = new UnreachableDatabase();
        AccessRecords records = new AccessRecords(down, NO_USERS, Clock.systemUTC());
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/courses/c-1/dose-approvals");

        assertThatCode(() -> records.unauthenticated(request)).doesNotThrowAnyException();
        assertThatCode(() -> records.forbidden(request, new UsernamePasswordAuthenticationToken("therapist", null, List.of())))
                .doesNotThrowAnyException();
        assertThat(down.attempts).as("both were tried").isEqualTo(2);
    }

    @Test
    void what_a_client_sent_is_cut_to_its_columns_and_stripped_of_control_characters() {
        WrittenRows rows = new WrittenRows();
        AccessRecords records = new AccessRecords(rows, NO_USERS, Clock.systemUTC());
        MockHttpServletRequest request = new MockHttpServletRequest("VERSION-CONTROL", "/api/v1/courses/" + "c".repeat(150) + "/state");
        request.setQueryString("asOf=2026-01-01T00:00:00Z&access_token=abc&size=5");

        records.forbidden(request, new UsernamePasswordAuthenticationToken("nu\u0000ll", null, List.of()));

        Object[] row = rows.rows.get(0);
        assertThat(row[1]).as("actor id").isEqualTo("null");
        assertThat(row[3]).as("method").isEqualTo("VERSION-CO");
        assertThat(row[5]).as("course id").isEqualTo("c".repeat(100));
        assertThat((String) row[6]).as("path").endsWith("/state?asOf=2026-01-01T00:00:00Z&size=5");
    }
}
