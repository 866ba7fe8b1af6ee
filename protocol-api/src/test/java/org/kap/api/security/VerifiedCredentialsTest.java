package org.kap.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class VerifiedCredentialsTest {

    private static final PasswordEncoder BCRYPT = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final String HASH = BCRYPT.encode("right-password");

    /** Counts the full checks the cache lets through. */
    private static class Counting implements PasswordEncoder {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return BCRYPT.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            whileChecking();
            return BCRYPT.matches(raw, encoded);
        }

        void whileChecking() {
        }
    }

    private final Counting bcrypt = new Counting();
    private final SettableClock clock = new SettableClock();
    /** Checks ahead run only when the test says, so what a request sees meanwhile can be asserted. */
    private final List<Runnable> aheadQueued = new ArrayList<>();
    private final VerifiedCredentials credentials =
            new VerifiedCredentials(bcrypt, Duration.ofMinutes(5), 3, clock, aheadQueued::add);

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
        assertThat(aheadQueued).as("not used in its last fifth: nothing was checked ahead").isEmpty();
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

    /** A check that holds until released, so that others can arrive while it runs. */
    private static final class Held extends Counting {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        void whileChecking() {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"right-password", "wrong-password"})
    void requests_sending_the_same_password_while_it_is_checked_share_that_one_check(String password) throws Exception {
        Held held = new Held();
        VerifiedCredentials shared = new VerifiedCredentials(held, Duration.ofMinutes(5), 3, clock);
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            Future<Boolean> first = requests.submit(() -> shared.matches(password, HASH));
            assertThat(held.started.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Boolean>> others = new ArrayList<>();
            List<Thread> waiting = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 7; i++) {
                others.add(requests.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return shared.matches(password, HASH);
                }));
            }
            // all seven parked, waiting on the first's check, before it ends
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.size() == 7
                    && waiting.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            held.release.countDown();
            boolean right = password.equals("right-password");
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(right);
            for (Future<Boolean> other : others) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(right);
            }
            assertThat(held.checks).as("one bcrypt check for the eight requests").hasValue(1);
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void a_different_password_arriving_during_a_check_is_checked_on_its_own() throws Exception {
        Held held = new Held();
        VerifiedCredentials shared = new VerifiedCredentials(held, Duration.ofMinutes(5), 3, clock);
        ExecutorService requests = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> right = requests.submit(() -> shared.matches("right-password", HASH));
            assertThat(held.started.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> wrong = requests.submit(() -> shared.matches("wrong-password", HASH));
            await().atMost(Duration.ofSeconds(10)).until(() -> held.checks.get() == 2);
            held.release.countDown();
            assertThat(right.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(wrong.get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(held.checks).hasValue(2);
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void an_entry_used_in_the_last_fifth_of_its_time_is_checked_again_in_the_background_not_by_the_request() {
        Instant verified = clock.now;
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        clock.now = verified.plus(Duration.ofMinutes(3).plusSeconds(59));
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        assertThat(aheadQueued).as("not yet in the last fifth").isEmpty();

        clock.now = verified.plus(Duration.ofMinutes(4));
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        assertThat(bcrypt.checks).as("the requests were answered from memory").hasValue(1);
        assertThat(aheadQueued).as("one check ahead, however many requests").hasSize(1);

        aheadQueued.remove(0).run();
        assertThat(bcrypt.checks).hasValue(2);
        // it lives five minutes from the check ahead, past the first check's expiry
        clock.now = verified.plus(Duration.ofMinutes(7));
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        assertThat(bcrypt.checks).hasValue(2);
        assertThat(aheadQueued).isEmpty();
    }

    @Test
    void a_check_ahead_that_no_longer_matches_forgets_the_entry_and_the_next_request_is_checked_in_full() {
        Counting refusing = new Counting() {
            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return super.matches(raw, encoded) && checks.get() != 2;
            }
        };
        VerifiedCredentials credentials = new VerifiedCredentials(refusing, Duration.ofMinutes(5), 3, clock, aheadQueued::add);
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(4).plusSeconds(30));
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        aheadQueued.remove(0).run();
        assertThat(credentials.remembered()).as("forgotten").isZero();
        assertThat(credentials.matches("right-password", HASH)).as("checked in full again, and matching").isTrue();
        assertThat(refusing.checks).hasValue(3);
    }

    @Test
    void a_wrong_password_is_never_answered_from_an_entry_being_checked_ahead() {
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(4).plusSeconds(30));
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        assertThat(aheadQueued).hasSize(1);
        assertThat(credentials.matches("wrong-password", HASH)).isFalse();
        assertThat(bcrypt.checks).as("the wrong one checked in full on its own").hasValue(2);
    }

    @Test
    void an_entry_whose_check_ahead_fails_is_left_to_expire_and_then_checked_in_full() {
        Counting broken = new Counting() {
            @Override
            void whileChecking() {
                if (checks.get() == 2) {
                    throw new IllegalStateException("the second check fails");
                }
            }
        };
        VerifiedCredentials credentials = new VerifiedCredentials(broken, Duration.ofMinutes(5), 3, clock, aheadQueued::add);
        Instant verified = clock.now;
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        clock.now = verified.plus(Duration.ofMinutes(4).plusSeconds(30));
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        aheadQueued.remove(0).run();
        assertThat(broken.checks).hasValue(2);
        assertThat(credentials.matches("right-password", HASH)).as("still within its time").isTrue();
        assertThat(aheadQueued).as("a new check ahead, the failed one done").hasSize(1);
        aheadQueued.clear(); // lost, never run
        clock.now = verified.plus(Duration.ofMinutes(5));
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        assertThat(broken.checks).as("expired: the request checked it in full, not waiting on the lost one").hasValue(3);

        clock.now = verified.plus(Duration.ofMinutes(9));
        assertThat(credentials.matches("right-password", HASH)).isTrue();
        assertThat(aheadQueued).as("the lost check ahead replaced").hasSize(1);
    }

    @Test
    void the_own_thread_checks_ahead_and_stops_on_close() {
        VerifiedCredentials own = new VerifiedCredentials(bcrypt, Duration.ofMinutes(5), 3, clock);
        try {
            assertThat(own.matches("right-password", HASH)).isTrue();
            clock.now = clock.now.plus(Duration.ofMinutes(4).plusSeconds(30));
            assertThat(own.matches("right-password", HASH)).isTrue();
            // done only once its entry is remembered anew
            await().atMost(Duration.ofSeconds(10)).until(() -> bcrypt.checks.get() == 2 && own.checkingAhead() == 0);
        } finally {
            own.close();
        }
        clock.now = clock.now.plus(Duration.ofMinutes(4).plusSeconds(50));
        assertThat(own.matches("right-password", HASH)).as("closed: still answered, from memory").isTrue();
        assertThat(bcrypt.checks).hasValue(2);
    }
}
