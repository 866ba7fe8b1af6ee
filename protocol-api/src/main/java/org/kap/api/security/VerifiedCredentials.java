package org.kap.api.security;

import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A password encoder that remembers, for a short time, which password matched which stored hash, so that a
 * clinical system sending HTTP Basic on every request pays the deliberately slow bcrypt check once per
 * {@code ttl}, not once per request (about 80 ms of CPU each, which capped the whole engine at a few
 * commands a second).
 * <p>
 * What it keeps is safe to keep: neither the password nor a plain hash of it, only an HMAC-SHA-256 of the
 * stored hash and the password under a random key made at start and held only in memory, so an entry is no
 * help to anyone guessing passwords offline, and nothing survives a restart. Only successes are remembered: a
 * wrong password is always checked in full (and counted by the sign-in throttle, which runs before any
 * check); requests sending the very same password at the same moment share one check and its answer, right or
 * wrong, so an expired entry costs one bcrypt check, not one per request waiting for it. A changed password has a
 * new stored hash, so no entry made for the old one can match it; entries expire after {@code ttl} and the whole
 * memory is bounded. Matches against hashes this encoder made itself (Spring
 * Security's stand-in for unknown users) are never remembered, so an unknown user name costs as much as a known one.
 * <p>
 * An entry still used in the last fifth of its time is checked in full again in the background while requests go on
 * being answered from it, and lives another {@code ttl} if it still matches: a clinical system sending requests all
 * the time never waits for a check once it has been verified. Without this, every {@code ttl} each busy user's
 * requests all waited on the one 80 ms check at once, which at 200 requests a second is a queue that takes a while to
 * drain (docs/benchmarks.md). A user quiet through that last fifth is checked in full on the next request, as before.
 * The password a request sent is held for its check ahead only until that check has run, never in the memory of
 * verified entries.
 */
public final class VerifiedCredentials implements PasswordEncoder, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(VerifiedCredentials.class.getName());

    private final PasswordEncoder delegate;
    private final Duration ttl;
    /** The last part of an entry's time in which a request using it has it checked ahead: a fifth of {@code ttl}. */
    private final Duration aheadWindow;
    private final int maxEntries;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Instant> verifiedUntil = new ConcurrentHashMap<>();
    /**
     * The full checks running now, by entry: when a remembered entry expires under load, every request of that user
     * arriving during its 80 ms check would otherwise run a check of its own, dozens of them on two cores, and the
     * engine stalled for over a second (docs/benchmarks.md); they wait for the one instead.
     */
    private final Map<String, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();
    /** Hashes this encoder made (the configured users' come from configuration): never remembered. */
    private final java.util.Set<String> encodedHere = ConcurrentHashMap.newKeySet();
    /** The checks ahead of expiry queued or running, by entry, with when each was queued. */
    private final Map<String, Instant> checkingAhead = new ConcurrentHashMap<>();
    /** Runs the checks made ahead of expiry, one at a time, off the request threads. */
    private final Executor ahead;
    private final ExecutorService owned;

    /** Checks ahead of expiry on a thread of its own, stopped by {@link #close()}. */
    public VerifiedCredentials(PasswordEncoder delegate, Duration ttl, int maxEntries, Clock clock) {
        this(delegate, ttl, maxEntries, clock, aheadThread(maxEntries));
    }

    VerifiedCredentials(PasswordEncoder delegate, Duration ttl, int maxEntries, Clock clock, Executor ahead) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.aheadWindow = ttl.dividedBy(5);
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.ahead = ahead;
        this.owned = ahead instanceof ExecutorService service ? service : null;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        String encoded = delegate.encode(rawPassword);
        // Spring Security checks an unknown user's password against a hash it encodes at start, so that unknown
        // and known users take equally long; remembering a match against it would make unknown users answer fast
        encodedHere.add(encoded);
        return encoded;
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || ttl.isZero() || encodedHere.contains(encodedPassword)) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String entry = entry(rawPassword, encodedPassword);
        Instant now = clock.instant();
        Instant until = verifiedUntil.get(entry);
        if (until != null && now.isBefore(until)) {
            if (!now.isBefore(until.minus(aheadWindow))) {
                checkAhead(entry, rawPassword.toString(), encodedPassword, now);
            }
            return true;
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = checking.putIfAbsent(entry, mine);
        if (running != null) {
            // the same password against the same hash is being checked right now: its answer is this one's
            try {
                return running.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            boolean matches = delegate.matches(rawPassword, encodedPassword);
            if (matches) {
                remember(entry, now.plus(ttl), now);
            }
            mine.complete(matches);
            return matches;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(entry, mine);
        }
    }

    /**
     * Checks a remembered entry in full on the background thread, unless a check ahead of it was queued within the
     * last fifth of {@code ttl} (one that old was lost, and is replaced). No request ever waits for a check ahead:
     * should the entry expire before it ends, the next request checks in full as if there were none.
     */
    private void checkAhead(String entry, String rawPassword, String encodedPassword, Instant now) {
        Instant queued = checkingAhead.get(entry);
        boolean mine = queued == null
                ? checkingAhead.putIfAbsent(entry, now) == null
                : now.isAfter(queued.plus(aheadWindow)) && checkingAhead.replace(entry, queued, now);
        if (!mine) {
            return;
        }
        try {
            ahead.execute(() -> {
                try {
                    Instant checked = clock.instant();
                    if (delegate.matches(rawPassword, encodedPassword)) {
                        remember(entry, checked.plus(ttl), checked);
                    } else {
                        verifiedUntil.remove(entry);
                    }
                } catch (RuntimeException | Error e) {
                    // the entry is left to expire; the next request after it is checked in full on its own thread
                    LOG.log(System.Logger.Level.WARNING, "A remembered password could not be checked ahead of its expiry", e);
                } finally {
                    checkingAhead.remove(entry, now);
                }
            });
        } catch (RejectedExecutionException closing) {
            // closing, or a queue as long as the whole memory: no check ahead; the entry expires in its time
            checkingAhead.remove(entry, now);
        }
    }

    /** Stops the thread that checks ahead of expiry (when it is this encoder's own). */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }

    private static ExecutorService aheadThread(int maxEntries) {
        // one thread, so checks ahead never take more than one core; each entry has at most one check queued
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(Math.max(1, maxEntries)),
                task -> {
                    Thread thread = new Thread(task, "kap-credentials-ahead");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** How many checks ahead of expiry are queued or running now. */
    int checkingAhead() {
        return checkingAhead.size();
    }

    /** How many verified credentials are remembered now (expired ones included until the next sweep). */
    int remembered() {
        return verifiedUntil.size();
    }

    private void remember(String entry, Instant until, Instant now) {
        if (verifiedUntil.size() >= maxEntries) {
            verifiedUntil.values().removeIf(expiry -> !now.isBefore(expiry));
            if (verifiedUntil.size() >= maxEntries) {
                // many distinct valid credentials at once: forget them all rather than grow; each is checked in full again
                verifiedUntil.clear();
            }
        }
        verifiedUntil.put(entry, until);
    }

    private String entry(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
