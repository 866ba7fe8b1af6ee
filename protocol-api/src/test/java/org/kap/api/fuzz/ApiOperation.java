package org.kap.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kap.api.security.EndpointAccess;
import org.kap.core.rule.Role;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An operation of the API as its OpenAPI document describes it: method, path template, an example body
 * built from the request schema (its examples where it gives them), and the demo users whose role may
 * call it (from the endpoint table). The fuzz suite covers whatever the document lists, so a new
 * endpoint is fuzzed without anyone adding it here.
 */
record ApiOperation(String method, String path, JsonNode example, boolean textBody, List<String> users) {

    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final Map<Role, String> DEMO_USERS = Map.of(Role.CLINICIAN, "clinician", Role.PRESCRIBER, "prescriber",
            Role.THERAPIST, "therapist", Role.AUDITOR, "auditor", Role.PROTOCOL_DESIGNER, "designer", Role.ADMIN, "admin");

    static List<ApiOperation> from(JsonNode openApi) {
        List<ApiOperation> operations = new ArrayList<>();
        JsonNode schemas = openApi.at("/components/schemas");
        openApi.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String method = operation.getKey().toUpperCase(Locale.ROOT);
            JsonNode content = operation.getValue().at("/requestBody/content");
            boolean text = content.has("text/plain");
            JsonNode schema = content.path("application/json").path("schema");
            JsonNode example = schema.isMissingNode() ? null : example(schema, schemas, 0);
            operations.add(new ApiOperation(method, path.getKey(), example, text, users(method, path.getKey())));
        }));
        return operations;
    }

    private static List<String> users(String method, String path) {
        String concrete = path.replaceAll("\\{[^}]+}", "x");
        return EndpointAccess.RULES.stream()
                .filter(rule -> rule.method() == HttpMethod.valueOf(method) && PATHS.match(rule.path(), concrete))
                .findFirst().map(rule -> rule.roles().stream().map(DEMO_USERS::get).sorted().toList()).orElse(List.of());
    }

    /** A plausible value for the schema: its example, its first allowed value, or one of its type. */
    private static JsonNode example(JsonNode schema, JsonNode schemas, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            return depth > 6 ? nodes.nullNode() : example(schemas.path(name), schemas, depth + 1);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        switch (schema.path("type").asText()) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    object.set(property.getKey(), example(property.getValue(), schemas, depth + 1));
                }
                return object;
            }
            case "array" -> {
                return nodes.arrayNode().add(example(schema.path("items"), schemas, depth + 1));
            }
            case "integer", "number" -> {
                return nodes.numberNode(1);
            }
            case "boolean" -> {
                return nodes.booleanNode(false);
            }
            case "string" -> {
                return "date-time".equals(schema.path("format").asText())
                        ? nodes.textNode(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString())
                        : nodes.textNode("fuzz");
            }
            default -> {
                return nodes.nullNode();
            }
        }
    }
}
