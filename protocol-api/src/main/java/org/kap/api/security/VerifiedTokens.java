package org.kap.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;
import java.time.Duration;

/**
 * A bearer token decoder that remembers, for a short time, the tokens it has verified, so that a clinical system
 * sending the same token on every request pays for its signature and its claims once per {@code ttl}, not once per
 * request (5% of the engine's samples under load, where a remembered HTTP Basic password costs 2%).
 *
 * <p>Only a token the configured decoder accepted in full (signature, issuer, audience, times) is remembered, keyed by
 * its exact text: a token differing by one character is another key and is verified in full, and a refused token is
 * never remembered, so it is refused again each time. What can change about an accepted token while it is remembered is
 * the time: at each use its expiry and not-before are checked again against the clock (with the same minute of
 * allowed skew as the decoder's own check), and an expired token is forgotten and passed to the decoder, which refuses
 * it. Entries expire after {@code ttl} and the memory is bounded; nothing survives a restart.
 */
public final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final JwtTimestampValidator times = new JwtTimestampValidator();

    public VerifiedTokens(JwtDecoder delegate, Duration ttl, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries)
                .ticker(() -> clock.millis() * 1_000_000L).build();
        this.times.setClock(clock);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (!times.validate(known).hasErrors()) {
                return known;
            }
            verified.invalidate(token);
        }
        Jwt jwt = delegate.decode(token);
        if (times.validate(jwt).hasErrors()) {
            // accepted by a decoder configured without the time checks: answered as it decided, never remembered
            return jwt;
        }
        verified.put(token, jwt);
        return jwt;
    }
}
