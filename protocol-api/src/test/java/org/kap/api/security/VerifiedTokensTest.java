package org.kap.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    /**
     * The configured decoder as far as this memory can tell: it accepts a token named "good-..." until the expiry the
     * test gave it (on the same clock), and refuses anything else; it counts every full check.
     */
    private final class Decoder implements JwtDecoder {
        final List<String> checked = new ArrayList<>();
        Instant expiresAt = clock.now.plus(Duration.ofHours(1));

        @Override
        public Jwt decode(String token) {
            checked.add(token);
            if (!token.startsWith("good-") || clock.now.isAfter(expiresAt.plusSeconds(60))) {
                throw new BadJwtException("refused: " + token);
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("prescriber-1").claim("roles", List.of("prescriber"))
                    .issuedAt(clock.now).expiresAt(expiresAt).build();
        }
    }

    private final SettableClock clock = new SettableClock();
    private final Decoder decoder = new Decoder();
    private final VerifiedTokens tokens = new VerifiedTokens(decoder, Duration.ofMinutes(5), 2, clock);

    @Test
    void an_accepted_token_is_not_checked_in_full_again_within_its_time() {
        Jwt first = tokens.decode("good-a");
        for (int i = 0; i < 10; i++) {
            assertThat(tokens.decode("good-a")).isSameAs(first);
        }
        assertThat(decoder.checked).containsExactly("good-a");
        assertThat(tokens.decode("good-b").getTokenValue()).isEqualTo("good-b");
        assertThat(decoder.checked).as("another text, another check").containsExactly("good-a", "good-b");
    }

    @Test
    void a_refused_token_is_refused_in_full_every_time_and_never_remembered() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(decoder.checked).hasSize(3);
    }

    @Test
    void a_remembered_token_that_expired_is_forgotten_and_refused_by_the_decoder() {
        decoder.expiresAt = clock.now.plus(Duration.ofMinutes(2));
        tokens.decode("good-a");
        clock.now = clock.now.plus(Duration.ofMinutes(2)).plusSeconds(30);
        assertThat(tokens.decode("good-a").getTokenValue()).as("within the minute of skew").isEqualTo("good-a");
        assertThat(decoder.checked).hasSize(1);
        clock.now = clock.now.plus(Duration.ofSeconds(31));
        assertThatThrownBy(() -> tokens.decode("good-a")).isInstanceOf(BadJwtException.class);
        assertThat(decoder.checked).as("checked again once expired, within the memory's five minutes").hasSize(2);
    }

    @Test
    void a_token_is_checked_in_full_again_after_the_memory_time_and_with_a_zero_time_every_time() {
        tokens.decode("good-a");
        clock.now = clock.now.plus(Duration.ofMinutes(5)).plusSeconds(1);
        tokens.decode("good-a");
        assertThat(decoder.checked).hasSize(2);

        VerifiedTokens never = new VerifiedTokens(decoder, Duration.ZERO, 2, clock);
        never.decode("good-a");
        never.decode("good-a");
        assertThat(decoder.checked).hasSize(4);
    }
}
