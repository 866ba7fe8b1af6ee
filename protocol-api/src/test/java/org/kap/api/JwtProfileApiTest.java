package org.kap.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jwt profile: an OAuth2 resource server. Tokens signed by a test key carry the user, the
 * printed name and the role; the recorded actor is the token's subject.
 */
@ActiveProfiles("jwt")
class JwtProfileApiTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.eventsourcing.eventstore.EventStore events;

    private static final KeyPair KEYS = keys();
    private static final KeyPair OTHER_KEYS = keys();

    @DynamicPropertySource
    static void signingKey(DynamicPropertyRegistry registry) {
        try {
            Path pem = Files.createTempFile("kap-jwt-", ".pub");
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token from a sign-in just now ({@code auth_time}: now). */
    private static String token(KeyPair keys, String subject, String name, List<String> roles) {
        return token(keys, subject, name, roles, Instant.now());
    }

    /** A token whose person signed in at {@code authTime} (null: the token does not say). */
    private static String token(KeyPair keys, String subject, String name, List<String> roles, Instant authTime) {
        return token(keys, subject, name, roles, authTime, Instant.now().plusSeconds(600));
    }

    private static String token(KeyPair keys, String subject, String name, List<String> roles, Instant authTime, Instant expiresAt) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject).claim("name", name).claim("roles", roles)
                    .issueTime(new Date()).expirationTime(Date.from(expiresAt));
            if (authTime != null) {
                builder.claim("auth_time", authTime.getEpochSecond());
            }
            JWTClaimsSet claims = builder.build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer as(String token, HttpMethod method, String path, Object body) {
        return exchange(null, method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void tokens_signed_by_the_configured_key_authenticate_with_their_role() {
        String designer = token(KEYS, "u-designer-1", "Eve Designer", List.of("protocol_designer"));
        String clinician = token(KEYS, "u-clin-7", "Ana Clinician", List.of("clinician"));
        String prescriber = token(KEYS, "u-presc-3", "Dr Ben Okafor", List.of("prescriber"));
        try (var in = getClass().getResourceAsStream("/protocols/api-test.kap")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(as(designer, HttpMethod.POST, "/api/v1/protocols", text).status()).isIn(200, 201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = "jwt-" + java.util.UUID.randomUUID();
        Answer screened = as(clinician, HttpMethod.POST, "/api/v1/courses", Map.of("courseId", id, "clientId", "client-jwt",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "ptsd",
                "profile", profile(30, "60 kg")));
        assertThat(screened.status()).as(screened.raw()).isEqualTo(201);
        assertThat(as(clinician, HttpMethod.POST, "/api/v1/courses/" + id + "/consent", Map.of()).status()).isEqualTo(200);

        assertThat(as(clinician, HttpMethod.POST, "/api/v1/courses/" + id + "/dose-approvals",
                Map.of("route", "IM", "dose", "0.5 mg/kg")).status()).as("a clinician cannot approve a dose").isEqualTo(403);
        Answer approved = as(prescriber, HttpMethod.POST, "/api/v1/courses/" + id + "/dose-approvals",
                Map.of("route", "IM", "dose", "0.5 mg/kg"));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);

        var last = events.readEvents(id, 0).asStream().reduce((a, b) -> b).orElseThrow();
        var entry = ((org.kap.core.course.CourseEvent) last.getPayload()).entry();
        assertThat(entry.actor().id()).as("the actor comes from the token").isEqualTo("u-presc-3");
        assertThat(entry.actor().name()).isEqualTo("Dr Ben Okafor");
        assertThat(last.getMetaData()).containsEntry("actorId", "u-presc-3").containsEntry("actorRole", "PRESCRIBER");
        assertThat(String.valueOf(last.getMetaData().get("signature.method"))).startsWith("token, signed in at ");

        // signing needs a recent sign-in: a token from an hour-old sign-in, or one that does not say, is refused
        String stale = token(KEYS, "u-presc-3", "Dr Ben Okafor", List.of("prescriber"), Instant.now().minusSeconds(3600));
        Answer refused = as(stale, HttpMethod.POST, "/api/v1/courses/" + id + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("/type")).isEqualTo("/problems/signature-refused");
        assertThat(refused.text("/detail")).contains("older than 5 min");
        String silent = token(KEYS, "u-presc-3", "Dr Ben Okafor", List.of("prescriber"), null);
        assertThat(as(silent, HttpMethod.POST, "/api/v1/courses/" + id + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg"))
                .text("/detail")).contains("carries no auth_time");
        assertThat(as(stale, HttpMethod.GET, "/api/v1/courses/" + id, null).status()).as("reads need no fresh sign-in").isEqualTo(200);
    }

    @Test
    void an_accepted_token_is_remembered_by_its_exact_text_and_an_expired_one_is_refused() {
        String clinician = token(KEYS, "u-clin-8", "Ana Clinician", List.of("clinician"));
        String path = "/api/v1/courses/jwt-none-" + java.util.UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(as(clinician, HttpMethod.GET, path, null).status()).as("signed in: no such course").isEqualTo(404);
        }
        // one character of its signature changed: another text, so checked in full (VerifiedTokens), and refused
        int at = clinician.length() - 10;
        String altered = clinician.substring(0, at) + (clinician.charAt(at) == 'A' ? 'B' : 'A') + clinician.substring(at + 1);
        assertThat(as(altered, HttpMethod.GET, path, null).status()).isEqualTo(401);
        String expired = token(KEYS, "u-clin-8", "Ana Clinician", List.of("clinician"), Instant.now(),
                Instant.now().minusSeconds(120));
        assertThat(as(expired, HttpMethod.GET, path, null).status()).isEqualTo(401);
    }

    @Test
    void no_token_a_foreign_signature_or_no_role_is_refused() {
        assertThat(as(null, HttpMethod.GET, "/api/v1/protocols", null).status()).isEqualTo(401);
        String forged = token(OTHER_KEYS, "u-x", "Mallory", List.of("prescriber"));
        assertThat(as(forged, HttpMethod.GET, "/api/v1/protocols", null).status()).isEqualTo(401);
        String roleless = token(KEYS, "u-y", "Nobody", List.of());
        assertThat(as(roleless, HttpMethod.GET, "/api/v1/courses", null).status()).isEqualTo(403);

        String admin = token(KEYS, "u-admin", "Ada Admin", List.of("admin"));
        Answer records = as(admin, HttpMethod.GET, "/api/v1/audit/access-events?limit=1000", null);
        assertThat(records.status()).isEqualTo(200);
        List<com.fasterxml.jackson.databind.JsonNode> refused = java.util.stream.StreamSupport.stream(records.body().spliterator(), false)
                .filter(e -> e.at("/outcome").asText().equals("4"))
                .filter(e -> List.of("GET /api/v1/protocols", "GET /api/v1/courses").contains(e.at("/entity/0/detail/0/valueString").asText()))
                .toList();
        assertThat(refused).extracting(e -> e.at("/entity/0/detail/0/valueString").asText() + " " + e.at("/subtype/0/code").asText()
                        + " " + e.at("/agent/0/who/identifier/value").asText() + " " + e.at("/agent/0/role/0/text").asText())
                .as("each refusal once: no token, the forged token (never its text), the token without a role")
                .containsExactlyInAnyOrder("GET /api/v1/protocols unauthenticated (anonymous) none",
                        "GET /api/v1/protocols 110122 (refused token) none",
                        "GET /api/v1/courses forbidden u-y none");
    }
}
