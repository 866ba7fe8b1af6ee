package org.kap.api.audit;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.core.audit.VerifiedPrefix;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verification from a course's verified prefix (docs/audit.md): a verification after an intact one recomputes the new
 * events only, says so, and takes nothing on trust: a prefix whose end was rewritten, that is not signed, or that is
 * too old is passed over for a whole recomputation, and once a whole recomputation finds the course broken, every
 * later verification recomputes it whole.
 */
class VerifiedPrefixApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StoredEvents stored;

    @Autowired
    EngineKeys keys;

    @Autowired
    VerifiedPrefixes prefixes;

    private final Instant t = Instant.now().minus(2, ChronoUnit.DAYS);

    /** Screened, consented, prepared: three events. */
    private String course() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "prefix-" + UUID.randomUUID();
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-p",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        assertThat(post("clinician", "/api/v1/courses/" + id + "/consent", Map.of("at", t.plusSeconds(60).toString())).status())
                .isEqualTo(200);
        prepare(id, 120);
        return id;
    }

    private void prepare(String id, int seconds) {
        Answer prepared = post("therapist", "/api/v1/courses/" + id + "/preparation-sessions", Map.of("at", t.plusSeconds(seconds).toString()));
        assertThat(prepared.status()).as(prepared.raw()).isEqualTo(200);
    }

    private Answer verification(String id, String query) {
        Answer verdict = get("auditor", "/api/v1/courses/" + id + "/verification" + query);
        assertThat(verdict.status()).as(verdict.raw()).isEqualTo(200);
        return verdict;
    }

    @Test
    void a_verification_after_an_intact_one_recomputes_only_the_events_recorded_since() {
        String id = course();
        Answer first = verification(id, "");
        assertThat(first.body().at("/intact").asBoolean()).as(first.raw()).isTrue();
        assertThat(first.body().at("/recomputedFrom").asLong()).as("no prefix yet: the whole chain").isZero();
        assertThat(first.body().at("/earlierRecomputedAt").isNull()).isTrue();

        prepare(id, 180);
        Answer second = verification(id, "");
        assertThat(second.body().at("/intact").asBoolean()).as(second.raw()).isTrue();
        assertThat(second.body().at("/events").asInt()).isEqualTo(4);
        assertThat(second.body().at("/signedEvents").asLong()).isEqualTo(4);
        assertThat(second.body().at("/recomputedFrom").asLong()).as("the three verified before are not recomputed").isEqualTo(3);
        String earlier = second.text("/earlierRecomputedAt");
        assertThat(Instant.parse(earlier)).isBetween(Instant.now().minus(1, ChronoUnit.MINUTES), Instant.now());

        // the prefix grows with each verification, and keeps the time its oldest events were recomputed
        Answer third = verification(id, "");
        assertThat(third.body().at("/recomputedFrom").asLong()).isEqualTo(4);
        assertThat(third.text("/earlierRecomputedAt")).isEqualTo(earlier);

        Answer whole = verification(id, "?whole=true");
        assertThat(whole.body().at("/intact").asBoolean()).isTrue();
        assertThat(whole.body().at("/recomputedFrom").asLong()).isZero();
        Answer renewed = verification(id, "");
        assertThat(renewed.body().at("/recomputedFrom").asLong()).isEqualTo(4);
        assertThat(Instant.parse(renewed.text("/earlierRecomputedAt"))).as("a whole recomputation renews the prefix")
                .isAfter(Instant.parse(earlier));
    }

    /** A row deleted before the prefix's end (here a consent), its neighbours' hashes untouched: seen at once. */
    @Test
    void an_event_deleted_inside_the_prefix_is_found_at_once() {
        String id = course();
        prepare(id, 180);
        assertThat(verification(id, "").body().at("/intact").asBoolean()).isTrue();
        jdbc.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 1", id);
        Answer verdict = verification(id, "");
        assertThat(verdict.body().at("/intact").asBoolean()).as(verdict.raw()).isFalse();
        assertThat(verdict.body().at("/recomputedFrom").asLong()).isZero();
        assertThat(verdict.body().at("/firstBrokenSequence").asLong()).isEqualTo(1);
    }

    /**
     * A verification that began before the course was found broken (here one kept a moment later, as a slow one would)
     * cannot put a prefix back; one that begins after, on a course put right, can.
     */
    @Test
    void a_prefix_from_before_a_broken_verdict_is_not_kept() {
        String id = course();
        String before = VerifiedPrefixes.time(Instant.now().minusSeconds(1));
        String hash = stored.of(id).get(2).metadata().get(org.kap.core.audit.ChainHasher.HASH);
        byte[] consent = stored.of(id).get(1).payload();
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 1",
                new String(consent, StandardCharsets.UTF_8).replace("\"number\":2", "\"number\":3").getBytes(StandardCharsets.UTF_8), id);
        assertThat(verification(id, "").body().at("/intact").asBoolean()).isFalse();

        prefixes.keep(VerifiedPrefix.sign(id, 3, hash, new org.kap.core.rule.ProtocolRef("api-test", 1), before, keys.signing()));
        Answer verdict = verification(id, "");
        assertThat(verdict.body().at("/intact").asBoolean()).as(verdict.raw()).isFalse();
        assertThat(verdict.body().at("/recomputedFrom").asLong()).isZero();

        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 1", consent, id);
        assertThat(verification(id, "").body().at("/intact").asBoolean()).as("put right").isTrue();
        assertThat(verification(id, "").body().at("/recomputedFrom").asLong()).isEqualTo(3);
    }

    /**
     * An event before the prefix's end edited after it was recomputed, its stored hash left as it was: the one change a
     * prefix does not see until it is recomputed. The verdict says what it did not recompute; a whole verification
     * finds the edit, and from then on every verification is whole.
     */
    @Test
    void an_edit_inside_the_prefix_is_named_as_not_recomputed_and_found_by_a_whole_verification() {
        String id = course();
        assertThat(verification(id, "").body().at("/intact").asBoolean()).isTrue();
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 1",
                new String(stored.of(id).get(1).payload(), StandardCharsets.UTF_8).replace("\"number\":2", "\"number\":3")
                        .getBytes(StandardCharsets.UTF_8), id);
        assertThat(new String(stored.of(id).get(1).payload(), StandardCharsets.UTF_8)).contains("\"number\":3");

        Answer fromPrefix = verification(id, "");
        assertThat(fromPrefix.body().at("/recomputedFrom").asLong()).as(fromPrefix.raw()).isEqualTo(3);
        assertThat(fromPrefix.body().at("/earlierRecomputedAt").isTextual()).isTrue();

        Answer whole = verification(id, "?whole=true");
        assertThat(whole.body().at("/intact").asBoolean()).as(whole.raw()).isFalse();
        assertThat(whole.body().at("/firstBrokenSequence").asLong()).isEqualTo(1);
        Answer after = verification(id, "");
        assertThat(after.body().at("/intact").asBoolean()).as("the broken course has no prefix any more").isFalse();
        assertThat(after.body().at("/recomputedFrom").asLong()).isZero();
    }

    @Test
    void a_prefix_whose_end_was_rewritten_or_that_is_not_the_engines_is_passed_over() {
        String rewritten = course();
        verification(rewritten, "");
        jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 2",
                new String(jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 2",
                        byte[].class, rewritten), StandardCharsets.UTF_8).replaceFirst("\"hash\":\"[0-9a-f]", "\"hash\":\"x")
                        .getBytes(StandardCharsets.UTF_8), rewritten);
        Answer verdict = verification(rewritten, "");
        assertThat(verdict.body().at("/intact").asBoolean()).as(verdict.raw()).isFalse();
        assertThat(verdict.body().at("/recomputedFrom").asLong()).as("its end no longer carries the hash: recomputed whole").isZero();

        String unsigned = course();
        verification(unsigned, "");
        prepare(unsigned, 180);
        jdbc.update("UPDATE course_verified_prefix SET recomputed_at = ? WHERE course_id = ?", VerifiedPrefixes.time(Instant.now()), unsigned);
        assertThat(verification(unsigned, "").body().at("/recomputedFrom").asLong()).as("its signature no longer holds").isZero();

        String old = course();
        verification(old, "");
        VerifiedPrefix kept = jdbc.queryForObject("SELECT event_count, head_hash FROM course_verified_prefix WHERE course_id = ?",
                (rs, n) -> VerifiedPrefix.sign(old, rs.getLong(1), rs.getString(2), new org.kap.core.rule.ProtocolRef("api-test", 1),
                        VerifiedPrefixes.time(Instant.now().minus(11, ChronoUnit.MINUTES)), keys.signing()), old);
        jdbc.update("UPDATE course_verified_prefix SET recomputed_at = ?, signature = ? WHERE course_id = ?", kept.recomputedAt(),
                kept.signature(), old);
        assertThat(verification(old, "").body().at("/recomputedFrom").asLong()).as("older than the 10 minutes allowed").isZero();
        assertThat(verification(old, "").body().at("/recomputedFrom").asLong()).as("the whole recomputation renewed it").isEqualTo(3);
    }
}
