package org.kap.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One request a careless or hostile client might send: an operation of the API with its example body
 * mutated, or its path, method and headers bent out of shape. Built from a {@link Random} so that jqwik's
 * seed reproduces it; {@link #toString()} is what a failure report shows.
 */
record FuzzRequest(String method, String path, Map<String, String> headers, byte[] body, String description) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values no field should take in silence: wrong types, out-of-range numbers, hostile text, impossible times. */
    private static final List<JsonNode> HOSTILE = List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("   "),
            NODES.textNode("x".repeat(5_000)), NODES.textNode("a\u0000b"), NODES.textNode("\u001B[2J"), NODES.numberNode(1e300),
            NODES.numberNode(-1), NODES.numberNode(2.99), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(0),
            NODES.textNode("4611686018427387944 min"), NODES.textNode("-5000-01-01T00:00:00Z"),
            NODES.textNode("+999999999-12-31T23:59:59Z"), NODES.textNode("1e300"), NODES.textNode("NaN"),
            NODES.textNode("0.5 mg"), NODES.textNode("70 lbs"), NODES.textNode("-3 mg/kg"), NODES.textNode("<script>alert(1)</script>"),
            NODES.textNode("../../etc/passwd"), NODES.textNode("'; DROP TABLE course_summary; --"), NODES.textNode("\uD83D\uDC8A"),
            NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(), NODES.numberNode(new java.math.BigInteger("9".repeat(40))));

    /** Course ids and other path segments a client might try. */
    private static final List<String> HOSTILE_SEGMENTS = List.of("a;b", "..", "%2e%2e", "kap-im:1", "x".repeat(150), "%00",
            "a%2Fb", "%C3%BC", "a%20b", "-", "rp%7Cx", "%E2%80%AE", "1e300", "-1", "99999999999999999999");

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json", "application/json",
            "application/json;charset=ISO-8859-1", "text/plain", "application/xml", "", "garbage", "multipart/form-data; boundary=x",
            "multipart/form-data",
            "application/x-www-form-urlencoded");
    private static final List<String> ACCEPTS = List.of("", "", "*/*", "application/json", "application/problem+json",
            "application/xml", "text/html", "image/png");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

    @Override
    public String toString() {
        String text = new String(body, StandardCharsets.UTF_8);
        return description + "\n" + method + " " + path + " " + headers + "\n" + text.substring(0, Math.min(text.length(), 600));
    }

    /** A protocol text (mutated, or valid under a new id), published by the protocol designer, at times with a strange Accept. */
    static FuzzRequest protocolText(Random random, String text) {
        String designer = "Basic " + java.util.Base64.getEncoder().encodeToString("designer:designer-demo".getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Authorization", designer, "Content-Type", "text/plain",
                org.kap.api.security.SignedActs.PASSWORD_HEADER, "designer-demo"));
        String accept = pick(random, ACCEPTS);
        if (!accept.isEmpty()) {
            headers.put("Accept", accept);
        }
        return new FuzzRequest("POST", "/api/v1/protocols", headers, text.getBytes(StandardCharsets.UTF_8),
                "protocol text, accept '" + accept + "'");
    }

    static FuzzRequest generate(Random random, List<ApiOperation> operations, String courseId, ObjectMapper json) {
        ApiOperation operation = operations.get(random.nextInt(operations.size()));
        List<String> done = new ArrayList<>();
        String method = operation.method();
        if (random.nextInt(10) == 0) {
            method = METHODS.get(random.nextInt(METHODS.size()));
            done.add("method " + method);
        }
        String path = fillPath(random, operation.path(), courseId, done);
        if (random.nextInt(6) == 0) {
            path += "?" + String.join("&", List.of("asOf=" + pick(random, List.of("1e300", "-5000-01-01T00:00:00Z", "yesterday")),
                    "page=" + pick(random, List.of("-1", "99999999999", "x")), "size=" + pick(random, List.of("0", "100000", "1.5")),
                    "limit=" + pick(random, List.of("-5", "1e9")), "status=" + pick(random, List.of("asleep", "%00"))));
            done.add("query");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", credentials(random, operation, done));
        String basic = headers.get("Authorization");
        if (basic.startsWith("Basic ") && random.nextInt(10) != 0) {
            // the signer's password again, which signed acts need (mostly given; at times left out)
            String user = new String(java.util.Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":")[0];
            headers.put(org.kap.api.security.SignedActs.PASSWORD_HEADER, user + "-demo");
        } else if (basic.startsWith("Basic ")) {
            done.add("no signature password");
        }
        byte[] body = new byte[0];
        if (operation.textBody()) {
            headers.put("Content-Type", "text/plain");
            body = ("protocol \"fuzz\" version " + (1 + random.nextInt(5)) + "\n" + "x".repeat(random.nextInt(40)))
                    .getBytes(StandardCharsets.UTF_8);
        } else if (operation.example() != null && !"GET".equals(method)) {
            headers.put("Content-Type", "application/json");
            body = mutatedBody(random, operation.example(), json, done);
        }
        if (random.nextInt(8) == 0) {
            String type = pick(random, CONTENT_TYPES);
            if (type.isEmpty()) {
                headers.remove("Content-Type");
            } else {
                headers.put("Content-Type", type);
            }
            done.add("content type '" + type + "'");
        }
        if (random.nextInt(8) == 0) {
            String accept = pick(random, ACCEPTS);
            if (!accept.isEmpty()) {
                headers.put("Accept", accept);
            }
            done.add("accept '" + accept + "'");
        }
        if (random.nextInt(10) == 0) {
            headers.put("Idempotency-Key", pick(random, List.of("", " ", "k".repeat(300), "fuzz-" + random.nextInt(50))));
            done.add("idempotency key");
        }
        return new FuzzRequest(method, path, headers, body, operation.method() + " " + operation.path() + ": " + done);
    }

    private static String fillPath(Random random, String template, String courseId, List<String> done) {
        StringBuilder path = new StringBuilder();
        for (String part : template.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append('/');
            if (!part.startsWith("{")) {
                path.append(part);
            } else if (random.nextInt(8) == 0) {
                String hostile = pick(random, HOSTILE_SEGMENTS);
                path.append(hostile);
                done.add(part + " = " + hostile);
            } else {
                path.append(switch (part) {
                    case "{courseId}" -> courseId;
                    case "{id}" -> "api-test";
                    case "{version}", "{sessionNumber}" -> "1";
                    default -> URLEncoder.encode("fuzz-" + random.nextInt(1000), StandardCharsets.UTF_8);
                });
            }
        }
        return path.toString();
    }

    private static String credentials(Random random, ApiOperation operation, List<String> done) {
        int draw = random.nextInt(20);
        String user = operation.users().isEmpty() ? "admin" : operation.users().get(random.nextInt(operation.users().size()));
        String secret = user + "-demo";
        if (draw == 0) {
            done.add("no credentials");
            return "";
        } else if (draw == 1) {
            user = pick(random, List.of("clinician", "therapist", "auditor", "designer"));
            secret = user + "-demo";
            done.add("as " + user);
        } else if (draw == 2) {
            secret = "wrong";
            done.add("wrong password");
        } else if (draw == 3) {
            done.add("bearer junk");
            return "Bearer " + "x".repeat(random.nextInt(100));
        }
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mutatedBody(Random random, JsonNode example, ObjectMapper json, List<String> done) {
        JsonNode body = example.deepCopy();
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            body = mutate(random, body, done);
        }
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        switch (random.nextInt(14)) {
            case 0 -> {
                text = text.substring(0, random.nextInt(text.length() + 1));
                done.add("truncated");
            }
            case 1 -> {
                int brace = text.indexOf('{');
                if (brace >= 0 && text.length() > brace + 1 && text.charAt(brace + 1) == '"') {
                    int colon = text.indexOf(':', brace);
                    int comma = text.indexOf(',', colon);
                    if (colon > 0 && comma > colon) {
                        text = text.substring(0, comma + 1) + text.substring(brace + 1, comma + 1) + text.substring(comma + 1);
                        done.add("key given twice");
                    }
                }
            }
            case 2 -> {
                byte[] noise = new byte[random.nextInt(200)];
                random.nextBytes(noise);
                done.add("random bytes");
                return noise;
            }
            case 3 -> {
                text = "[" + text + "]";
                done.add("wrapped in a list");
            }
            default -> {
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One change somewhere in the tree: a value replaced, a field removed, an unknown field added. */
    private static JsonNode mutate(Random random, JsonNode node, List<String> done) {
        if (!(node instanceof ObjectNode object) || object.isEmpty()) {
            return random.nextBoolean() ? node : pick(random, HOSTILE);
        }
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        String field = pick(random, fields);
        JsonNode child = object.get(field);
        switch (random.nextInt(6)) {
            case 0 -> {
                object.remove(field);
                done.add("without " + field);
            }
            case 1 -> {
                object.put("unexpected" + random.nextInt(10), "x");
                done.add("unknown field");
            }
            case 2 -> {
                if (child instanceof ObjectNode) {
                    object.set(field, mutate(random, child, done));
                } else if (child instanceof ArrayNode array && !array.isEmpty()) {
                    array.set(0, mutate(random, array.get(0), done));
                    done.add(field + "[0] mutated");
                } else {
                    JsonNode value = pick(random, HOSTILE);
                    object.set(field, value);
                    done.add(field + " = " + abbreviated(value));
                }
            }
            default -> {
                JsonNode value = pick(random, HOSTILE);
                object.set(field, value);
                done.add(field + " = " + abbreviated(value));
            }
        }
        return object;
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
