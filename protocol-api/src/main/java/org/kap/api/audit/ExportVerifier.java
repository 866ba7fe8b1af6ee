package org.kap.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./kap verify FILE}: checks an export without the engine or its database: every course's
 * hash chain and signatures, every protocol text against its SHA-256, and that each course's
 * protocol version is in the file. Exit 0 intact, 1 tampered (naming course and sequence), 2 unreadable.
 */
public final class ExportVerifier {

    public static final int INTACT = 0;
    public static final int TAMPERED = 1;
    public static final int UNREADABLE = 2;

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public ExportVerifier(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new ExportVerifier(System.out).run(args));
    }

    public int run(String... args) {
        if (args.length != 1) {
            out.println("usage: kap verify FILE    (exit 0 intact, 1 tampered, 2 unreadable)");
            return UNREADABLE;
        }
        Map<String, List<ChainHasher.StoredEvent>> courses = new LinkedHashMap<>();
        Map<String, JsonNode> protocols = new HashMap<>();
        try (BufferedReader lines = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            boolean header = false;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (IOException notJson) {
                    throw new IOException("line " + number + " is not JSON");
                }
                switch (node.path("kind").asText()) {
                    case "export" -> header = CourseExport.FORMAT.equals(node.path("format").asText());
                    case "protocol" -> protocols.put(node.path("id").asText() + " v" + node.path("version").asInt(), node);
                    case "event" -> courses.computeIfAbsent(node.path("courseId").asText(), k -> new ArrayList<>()).add(event(node));
                    default -> throw new IOException("line " + number + " is not an export line");
                }
            }
            if (!header) {
                throw new IOException("no " + CourseExport.FORMAT + " header");
            }
        } catch (IOException | RuntimeException unreadable) {
            out.println(args[0] + ": unreadable: " + unreadable.getMessage());
            return UNREADABLE;
        }
        return verify(args[0], courses, protocols);
    }

    private int verify(String file, Map<String, List<ChainHasher.StoredEvent>> courses, Map<String, JsonNode> protocols) {
        int problems = 0;
        for (var p : protocols.entrySet()) {
            String text = p.getValue().path("sourceText").asText();
            if (!ChainHasher.sha256(text.getBytes(StandardCharsets.UTF_8)).equals(p.getValue().path("sourceSha256").asText())) {
                out.println(file + ": protocol " + p.getKey() + ": its text does not match its SHA-256");
                problems++;
            }
        }
        Set<String> referenced = new TreeSet<>();
        for (var course : courses.entrySet()) {
            var events = course.getValue();
            events.sort(java.util.Comparator.comparingLong(ChainHasher.StoredEvent::sequence));
            ChainVerification.Result result = ChainVerification.verify(events);
            if (result.intact()) {
                out.println(file + ": course " + course.getKey() + ": intact, " + result.events() + " events");
            } else {
                var broken = result.firstBroken().orElseThrow();
                out.println(file + ": course " + course.getKey() + ": TAMPERED at sequence " + broken.sequence() + ": " + broken.problem());
                problems++;
            }
            protocolOf(events).ifPresent(referenced::add);
        }
        for (String ref : referenced) {
            if (!protocols.containsKey(ref)) {
                out.println(file + ": protocol " + ref + " is referenced but not in the export");
                problems++;
            }
        }
        out.println(problems == 0 ? "intact: " + courses.size() + " course(s), " + protocols.size() + " protocol version(s)"
                : "TAMPERED: " + problems + " problem(s)");
        return problems == 0 ? INTACT : TAMPERED;
    }

    /** The protocol version a course was screened under, from its first event. */
    private java.util.Optional<String> protocolOf(List<ChainHasher.StoredEvent> events) {
        if (events.isEmpty() || events.get(0).sequence() != 0) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode screened = json.readTree(events.get(0).payload()).path("protocol");
            return screened.isMissingNode() ? java.util.Optional.empty()
                    : java.util.Optional.of(screened.path("id").asText() + " v" + screened.path("version").asInt());
        } catch (IOException notJson) {
            return java.util.Optional.empty();
        }
    }

    private ChainHasher.StoredEvent event(JsonNode node) {
        Map<String, String> metadata = new HashMap<>();
        node.path("metadata").fields().forEachRemaining(f -> metadata.put(f.getKey(), f.getValue().asText()));
        return new ChainHasher.StoredEvent(node.path("courseId").asText(), node.path("sequence").asLong(),
                node.path("payloadType").asText(), node.path("payloadRevision").isNull() ? null : node.path("payloadRevision").asText(null),
                node.path("timestamp").asText(), Base64.getDecoder().decode(node.path("payload").asText()), metadata);
    }
}
