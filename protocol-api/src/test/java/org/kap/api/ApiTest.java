package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kap.api.security.SignedActs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Base of the API tests: the real application on a random port, over real HTTP, on a fresh
 * database per test class (H2 in a temporary directory, or a PostgreSQL schema with -Ppostgres).
 * Users are the configured demo users; each password is {@code <name>-demo}. The suites publish as a one-person clinic
 * (kap.protocols.second-signature=false), so that they screen at once under what they publish; ProtocolLifecycleApiTest
 * and the engines started as processes take the default, two people.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kap.protocols.second-signature=false", "kap.publish-example-protocols=false",
                "kap.obligations.check-interval=1h", "kap.obligations.first-check=1h"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ApiTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected ObjectMapper json;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.configure(registry);
    }

    /** A response with its body parsed. */
    public record Answer(int status, JsonNode body, HttpHeaders headers, String raw) {
        public String text(String jsonPointer) {
            return body.at(jsonPointer).asText();
        }
    }

    /**
     * A screening profile recording every fact the example protocols read (age, weight, pregnancy and
     * breastfeeding status, resting blood pressure): none is guessed when absent, so a test that leaves one
     * out sees the rule that reads it find it "not recorded".
     */
    protected static Map<String, Object> profile(int ageYears, String weight, Object... more) {
        Map<String, Object> profile = new java.util.LinkedHashMap<>();
        profile.put("ageYears", ageYears);
        profile.put("weight", weight);
        profile.put("pregnant", false);
        profile.put("breastfeeding", false);
        profile.put("vitals", Map.of("systolic", "124 mmHg", "diastolic", "78 mmHg"));
        for (int i = 0; i < more.length; i += 2) {
            profile.put((String) more[i], more[i + 1]);
        }
        return profile;
    }

    protected Answer post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body, Map.of());
    }

    protected Answer post(String user, String path, Object body, Map<String, String> headers) {
        return exchange(user, HttpMethod.POST, path, body, headers);
    }

    protected Answer get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null, Map.of());
    }

    protected Answer exchange(String user, HttpMethod method, String path, Object body, Map<String, String> extra) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, user + "-demo");
        }
        String payload = null;
        if (body instanceof String text) {
            payload = text;
            headers.setContentType(text.stripLeading().startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN);
        } else if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            payload = write(body);
        }
        if (user != null && !extra.containsKey(SignedActs.PASSWORD_HEADER)
                && SignedActs.meaningOf(method.name(), path.split("\\?")[0]).isPresent()) {
            // a signed act: the signer types the password again, as a clinic system would ask them to
            headers.add(SignedActs.PASSWORD_HEADER, user + "-demo");
        }
        extra.forEach(headers::add);
        ResponseEntity<String> response = http.exchange(path, method, new HttpEntity<>(payload, headers), String.class);
        return new Answer(response.getStatusCode().value(), read(response.getBody()), response.getHeaders(), response.getBody());
    }

    /** Publishes a protocol from src/test/resources/protocols as the protocol designer. */
    protected Answer publish(String resource) {
        try (var in = getClass().getResourceAsStream("/protocols/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test protocol " + resource);
            }
            return post("designer", "/api/v1/protocols", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            return json.nullNode();
        }
    }
}
