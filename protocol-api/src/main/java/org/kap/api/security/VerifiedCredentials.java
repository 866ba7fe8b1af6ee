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
 */
public final class VerifiedCredentials implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Duration ttl;
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

    public VerifiedCredentials(PasswordEncoder delegate, Duration ttl, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
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

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
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
