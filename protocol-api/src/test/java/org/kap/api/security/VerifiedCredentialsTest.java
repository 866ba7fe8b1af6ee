package org.kap.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedCredentialsTest {

    private static final PasswordEncoder BCRYPT = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final String HASH = BCRYPT.encode("right-password");

    /** Counts the full checks the cache lets through. */
    private static final class Counting implements PasswordEncoder {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return BCRYPT.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return BCRYPT.matches(raw, encoded);
        }
    }

    private final Counting bcrypt = new Counting();
    private final SettableClock clock = new SettableClock();
    private final VerifiedCredentials credentials = new VerifiedCredentials(bcrypt, Duration.ofMinutes(5), 3, clock);

    @Test
    void a_password_that_matched_is_not_checked_in_full_again_within_its_time() {
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(credentials.matches("right-password", HASH)).isTrue();
        }
        assertThat(bcrypt.checks).hasValue(1);
    }

    @Test
    void a_wrong_password_is_always_checked_in_full_and_never_remembered() {
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(credentials.matches("wrong-password", HASH)).isFalse();
        }
        assertThat(credentials.matches("right-password ", HASH)).isFalse();
        assertThat(bcrypt.checks).hasValue(5);
        assertThat(credentials.remembered()).isEqualTo(1);
    }

    @Test
    void a_changed_password_is_a_new_hash_that_no_remembered_entry_matches() {
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        String changed = BCRYPT.encode("new-password");
        assertThat(credentials.matches("right-password", changed)).isFalse();
        assertThat(credentials.matches("new-password", changed)).isTrue();
        assertThat(bcrypt.checks).hasValue(3);
    }

    @Test
    void an_entry_expires_and_the_password_is_checked_in_full_again() {
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        assertThat(bcrypt.checks).hasValue(2);
    }

    @Test
    void memory_is_bounded_by_forgetting_expired_entries_then_all() {
        for (int i = 0; i < 3; i++) {
            assertThat(credentials.matches("right-password", BCRYPT.encode("right-password"))).isTrue();
        }
        assertThat(credentials.remembered()).isEqualTo(3);
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        assertThat(credentials.remembered()).as("none had expired, so all were forgotten for the new one").isEqualTo(1);
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        for (int i = 0; i < 3; i++) {
            assertThat(credentials.matches("right-password", BCRYPT.encode("right-password"))).isTrue();
        }
        assertThat(credentials.remembered()).as("the expired entry swept, the newest three kept").isEqualTo(3);
    }

    @Test
    void a_match_against_a_hash_it_made_itself_is_never_remembered_so_unknown_users_cost_as_much_as_known_ones() {
        // Spring Security checks an unknown user's password against a hash it has the encoder make at start
        String standIn = credentials.encode("userNotFoundPassword");
        assertThat(credentials.matches("userNotFoundPassword", standIn)).isTrue();
        assertThat(credentials.matches("userNotFoundPassword", standIn)).isTrue();
        assertThat(bcrypt.checks).hasValue(2);
        assertThat(credentials.remembered()).isZero();
    }

    @Test
    void a_zero_time_checks_every_request_in_full() {
        VerifiedCredentials never = new VerifiedCredentials(bcrypt, Duration.ZERO, 3, clock);
        assertThat(never.matches("right-password", HASH)).isTrue();
        assertThat(never.matches("right-password", HASH)).isTrue();
        assertThat(bcrypt.checks).hasValue(2);
        assertThat(never.remembered()).isZero();
    }
}
