package org.kap.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The engine's public HTTP API, as a clinical system calls it: JSON over HTTP with the basic
 * credentials of the demo user of each role ({@code <role>/<role>-demo}, README). Nothing else of the
 * running application is reached from the journeys.
 */
@Component
public class Engine {

    /** An answer with its body parsed (a null node when it has none or it is not JSON). */
    public record Answer(int status, JsonNode body, String raw) {
        public boolean recorded() {
            return status / 100 == 2 || status == 422;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final Environment environment;

    public Engine(Environment environment) {
        this.environment = environment;
    }

    public Answer post(String user, String path, Object body) {
        String text = body instanceof String s ? s : write(body);
        String type = body instanceof String ? "text/plain" : "application/json";
        HttpRequest.Builder request = request(path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(text));
        if (org.kap.api.security.SignedActs.meaningOf("POST", path.split("\\?")[0]).isPresent()) {
            // a signed act: the signer's password again, as a clinic system asks for it at the moment of signing
            request.header(org.kap.api.security.SignedActs.PASSWORD_HEADER, user + "-demo");
        }
        return send(user, request);
    }

    public Answer get(String user, String path) {
        return send(user, request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
        // the port is known only once the server has started, after this bean was made
        return HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path));
    }

    private Answer send(String user, HttpRequest.Builder request) {
        String credentials = user + ":" + user + "-demo";
        request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), read(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the engine", e);
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
        } catch (IOException notJson) {
            return json.nullNode();
        }
    }
}
