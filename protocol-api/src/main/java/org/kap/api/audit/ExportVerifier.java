package org.kap.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;
import org.kap.core.audit.Checkpoint;
import org.kap.core.audit.EngineKey;
import org.kap.core.audit.ProtocolSeal;
import org.kap.core.audit.TreeHead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./kap verify --key engine.pub FILE}: checks an export without the engine or its database. Every course's
 * hash chain and signatures, its signed head under the given public keys (so a rewrite with every hash
 * recomputed, a cut tail and a dropped course are found), every protocol text against its SHA-256, and that each
 * course's protocol version is in the file, sealed by a given key. Every line and every field is read: a line or field the format does
 * not have is a finding, and the one field no signature covers (the header's {@code exportedAt}) is said to be
 * unchecked. {@code --unsigned} checks the chains only, which shows accidental damage but not a rewrite.
 * Exit 0 intact, 1 tampered (naming course and what is wrong), 2 unreadable or misused.
 */
public final class ExportVerifier {

    private static final String MIGRATED = org.kap.api.axon.StoredTypes.nameOf(org.kap.core.course.CourseEvent.CourseMigrated.class);

    public static final int INTACT = 0;
    public static final int TAMPERED = 1;
    public static final int UNREADABLE = 2;

    private static final String USAGE = """
            usage: kap verify --key ENGINE.pub [--key OLDER.pub ...] [--tree-head ANCHOR] FILE
                   kap verify --unsigned FILE
              --key       a public key of the engine that signed the export (GET /api/v1/audit/keys, or the
                          .pub files of its key directory), obtained apart from the export; repeat for rotated keys
              --tree-head a copy of the anchor (tree-heads.jsonl) or of one of its lines, kept apart from the engine:
                          each course must be proven in its newest tree head and extend what it held then (the
                          export must carry that proof: GET .../export?treeHead=N)
              --unsigned  check the hash chains only: shows accidental damage, NOT a rewrite whose hashes were recomputed
            exit 0 intact, 1 tampered (names course and what is wrong), 2 unreadable or misused""";

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "export", Set.of("kind", "format", "exportedAt", "courses"),
            "protocol", Set.of("kind", "id", "version", "sourceSha256", "sourceText", "publishedBy", "sealedAt", "keyId", "signature"),
            "library", Set.of("kind", "id", "version", "sourceSha256", "sourceText", "publishedBy", "sealedAt", "keyId", "signature"),
            "event", Set.of("kind", "courseId", "sequence", "payloadType", "payloadRevision", "timestamp", "payload", "payloadJson",
                    "metadata"),
            "checkpoint", Set.of("kind", "courseId", "eventCount", "headHash", "signedAt", "keyId", "signature"),
            "inclusion", Set.of("kind", "courseId", "treeId", "treeSize", "rootHash", "issuedAt", "keyId", "signature", "eventCount",
                    "headHash", "leafIndex", "path"));

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public ExportVerifier(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new ExportVerifier(System.out).run(args));
    }

    /** What the file holds, as read. */
    private static final class Export {
        String format;
        final List<String> listed = new ArrayList<>();
        final Map<String, List<ChainHasher.StoredEvent>> courses = new LinkedHashMap<>();
        final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
        final Map<String, JsonNode> protocols = new HashMap<>();
        final Map<String, JsonNode> libraries = new HashMap<>();
        final Map<String, JsonNode> inclusions = new HashMap<>();
        final List<String> problems = new ArrayList<>();
    }

    public int run(String... args) {
        List<EngineKey> keys = new ArrayList<>();
        boolean unsigned = false;
        String file = null;
        Path anchor = null;
        try {
            for (Iterator<String> arg = List.of(args).iterator(); arg.hasNext(); ) {
                String a = arg.next();
                if (a.equals("--key") && arg.hasNext()) {
                    keys.add(EngineKey.fromPublicPem(Files.readString(Path.of(arg.next()), StandardCharsets.US_ASCII)));
                } else if (a.equals("--tree-head") && arg.hasNext()) {
                    anchor = Path.of(arg.next());
                } else if (a.equals("--unsigned")) {
                    unsigned = true;
                } else if (!a.startsWith("--") && file == null) {
                    file = a;
                } else {
                    throw new IllegalArgumentException("unexpected argument " + a);
                }
            }
            if (anchor != null && unsigned) {
                throw new IllegalArgumentException("--tree-head needs --key: a tree head is only as good as its signature");
            }
            if (file == null || keys.isEmpty() == !unsigned) {
                throw new IllegalArgumentException(file == null ? "no FILE" : unsigned ? "--unsigned and --key exclude each other"
                        : "no --key: without the engine's public key a rewrite with recomputed hashes cannot be told from the record");
            }
        } catch (IOException | IllegalArgumentException misuse) {
            out.println("kap verify: " + misuse.getMessage());
            out.println(USAGE);
            return UNREADABLE;
        }
        Export export;
        Map<Long, TreeHead> heads = new HashMap<>();
        try {
            export = read(Path.of(file));
            if (anchor != null) {
                heads = treeHeads(anchor);
            }
        } catch (IOException | RuntimeException unreadable) {
            out.println(file + ": unreadable: " + unreadable.getMessage());
            return UNREADABLE;
        }
        int verdict = verify(file, export, keys, unsigned);
        if (anchor == null) {
            return verdict;
        }
        List<String> problems = anchored(export, heads, keys);
        for (String problem : problems) {
            out.println(file + ": " + problem);
        }
        if (problems.isEmpty()) {
            out.println(file + ": every course proven in the given tree head, and extending what it held then");
        }
        return problems.isEmpty() ? verdict : TAMPERED;
    }

    private Export read(Path file) throws IOException {
        Export export = new Export();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (IOException notJson) {
                    throw new IOException("line " + number + " is not JSON");
                }
                if (node == null || !node.isObject()) {
                    throw new IOException("line " + number + " is not an export line");
                }
                String kind = node.path("kind").asText();
                Set<String> fields = FIELDS.get(kind);
                if (fields == null || (number == 1) != kind.equals("export")) {
                    throw new IOException("line " + number + (number == 1 ? " is not an export header" : " is not an export line"));
                }
                int at = number;
                node.fieldNames().forEachRemaining(name -> {
                    if (!fields.contains(name)) {
                        export.problems.add("line " + at + ": field '" + name + "' is not part of a " + kind + " line");
                    }
                });
                switch (kind) {
                    case "export" -> {
                        export.format = node.path("format").asText();
                        node.path("courses").forEach(c -> export.listed.add(c.asText()));
                    }
                    case "protocol", "library" -> {
                        String version = node.path("id").asText() + " v" + node.path("version").asInt();
                        if ((kind.equals("protocol") ? export.protocols : export.libraries).put(version, node) != null) {
                            export.problems.add("line " + at + ": " + kind + " " + version + " a second time");
                        }
                    }
                    case "event" -> {
                        ChainHasher.StoredEvent event = event(node);
                        export.courses.computeIfAbsent(event.aggregateId(), k -> new ArrayList<>()).add(event);
                        if (node.has("payloadJson") && !node.path("payloadJson").equals(decoded(event.payload()))) {
                            export.problems.add("line " + at + ": its payloadJson is not its stored payload decoded");
                        }
                    }
                    case "checkpoint" -> {
                        Checkpoint checkpoint = new Checkpoint(node.path("courseId").asText(), node.path("eventCount").asLong(),
                                node.path("headHash").asText(), node.path("signedAt").asText(), node.path("keyId").asText(),
                                node.path("signature").asText());
                        if (export.checkpoints.put(checkpoint.courseId(), checkpoint) != null) {
                            export.problems.add("line " + at + ": a second checkpoint for course " + checkpoint.courseId());
                        }
                    }
                    case "inclusion" -> {
                        if (export.inclusions.put(node.path("courseId").asText(), node) != null) {
                            export.problems.add("line " + at + ": a second inclusion proof for course " + node.path("courseId").asText());
                        }
                    }
                    default -> throw new IllegalStateException("every kind in FIELDS is read: " + kind);
                }
            }
        }
        if (export.format == null) {
            throw new IOException("empty: no export header");
        }
        if (!export.format.equals(CourseExport.FORMAT) && !export.format.equals(CourseExport.FORMAT_BEFORE_LIBRARIES)
                && !export.format.equals(CourseExport.FORMAT_BEFORE_CHECKPOINTS)) {
            throw new IOException("format " + export.format + " is not one this verifier reads");
        }
        if (!export.format.equals(CourseExport.FORMAT) && !export.libraries.isEmpty()) {
            export.problems.add("a " + export.format + " export has library lines, which that format does not have");
        }
        return export;
    }

    /** The tree heads of an anchor file (or of a single line copied from one), by tree id. */
    private Map<Long, TreeHead> treeHeads(Path anchor) throws IOException {
        Map<Long, TreeHead> heads = new HashMap<>();
        for (String line : Files.readAllLines(anchor, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            if (!"tree-head".equals(node.path("kind").asText())) {
                throw new IOException(anchor + " holds a line that is not a tree head");
            }
            heads.put(node.path("treeId").asLong(), head(node));
        }
        if (heads.isEmpty()) {
            throw new IOException(anchor + " holds no tree head");
        }
        return heads;
    }

    private static TreeHead head(JsonNode node) {
        return new TreeHead(node.path("treeSize").asLong(), node.path("rootHash").asText(), node.path("issuedAt").asText(),
                node.path("keyId").asText(), node.path("signature").asText());
    }

    /**
     * Each course of the export against the given tree heads: its inclusion proof is for one of them (signed under a
     * trusted key), proves the course's leaf, and the course's events extend the leaf (its event at eventCount - 1
     * has the leaf's hash): a course rewritten after the tree head, even with a re-signed head, fails here.
     */
    private static List<String> anchored(Export export, Map<Long, TreeHead> heads, List<EngineKey> keys) {
        List<String> problems = new ArrayList<>();
        long newest = heads.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        for (String course : new TreeSet<>(export.listed)) {
            JsonNode proof = export.inclusions.get(course);
            if (proof == null) {
                problems.add("course " + course + ": TAMPERED: no inclusion proof in the export (export it with ?treeHead=N)");
                continue;
            }
            long treeId = proof.path("treeId").asLong();
            TreeHead given = heads.get(treeId);
            if (given == null) {
                problems.add("course " + course + ": its proof is for tree head " + treeId + ", which the given tree heads do not hold");
                continue;
            }
            if (treeId != newest) {
                // an exporter who rewrote a course would pick a tree head from before the rewrite
                problems.add("course " + course + ": its proof is for tree head " + treeId + ", but the given tree heads go up to "
                        + newest + ": export it with ?treeHead=" + newest);
                continue;
            }
            Optional<String> signature = given.problemWith(keys);
            if (signature.isPresent()) {
                problems.add("tree head " + treeId + ": " + signature.get());
                continue;
            }
            if (!head(proof).equals(given)) {
                problems.add("course " + course + ": TAMPERED: the tree head in the export is not tree head " + treeId + " as anchored");
                continue;
            }
            TreeHead.Leaf leaf = new TreeHead.Leaf(course, proof.path("eventCount").asLong(), proof.path("headHash").asText());
            List<String> path = new ArrayList<>();
            proof.path("path").forEach(p -> path.add(p.asText()));
            if (!given.includes(leaf, proof.path("leafIndex").asInt(), path)) {
                problems.add("course " + course + ": TAMPERED: its leaf is not in tree head " + treeId + " (the proof does not lead to its root)");
                continue;
            }
            List<ChainHasher.StoredEvent> events = export.courses.getOrDefault(course, List.of());
            long count = leaf.eventCount();
            if (count > events.size() || (count > 0 && !leaf.headHash().equals(events.get((int) count - 1).metadata().get(ChainHasher.HASH)))) {
                problems.add("course " + course + ": TAMPERED: tree head " + treeId + " (" + given.issuedAt() + ") proves " + count
                        + " events ending in " + leaf.headHash().substring(0, Math.min(12, leaf.headHash().length()))
                        + "...; the course exported does not extend them: it was rewritten or cut after that tree head");
            }
        }
        return problems;
    }

    private int verify(String file, Export export, List<EngineKey> keys, boolean unsigned) {
        List<String> problems = new ArrayList<>(export.problems);
        problems.forEach(p -> out.println(file + ": " + p));
        if (!unsigned && export.format.equals(CourseExport.FORMAT_BEFORE_CHECKPOINTS)) {
            out.println(file + ": " + export.format + " predates signed heads: only its chains can be checked (--unsigned)");
            return UNREADABLE;
        }
        sealed(file, "protocol", export.protocols, keys, unsigned, problems);
        sealed(file, "library", export.libraries, keys, unsigned, problems);
        if (export.listed.isEmpty()) {
            problems.add(say(file, "the export holds no course"));
        }
        if (new TreeSet<>(export.listed).size() != export.listed.size()) {
            problems.add(say(file, "the header lists a course twice"));
        }
        for (String proven : export.inclusions.keySet()) {
            if (!export.listed.contains(proven)) {
                problems.add(say(file, "an inclusion proof for course " + proven + ", which the export does not list"));
            }
        }
        Set<String> courses = new TreeSet<>(export.listed);
        courses.addAll(export.courses.keySet());
        courses.addAll(export.checkpoints.keySet());
        Set<String> referenced = new TreeSet<>();
        for (String course : courses) {
            List<ChainHasher.StoredEvent> events = export.courses.getOrDefault(course, List.of());
            Optional<String> problem = problem(course, events, export, keys, unsigned);
            if (problem.isPresent()) {
                problems.add(say(file, "course " + course + ": TAMPERED: " + problem.get()));
            } else {
                out.println(file + ": course " + course + ": intact, " + events.size() + " events"
                        + (unsigned ? " (chain only)" : ", signed head verified with key " + export.checkpoints.get(course).keyId()));
            }
            referenced.addAll(protocolsOf(events));
        }
        for (String ref : referenced) {
            if (!export.protocols.containsKey(ref)) {
                problems.add(say(file, "protocol " + ref + " is referenced but not in the export"));
                continue;
            }
            // what a protocol's rules look in is part of what was enforced: the libraries it imports come with it
            for (var imported : org.kap.dsl.ProtocolCompiler.imports(export.protocols.get(ref).path("sourceText").asText())) {
                String library = imported.id() + " v" + imported.version();
                if (!export.libraries.containsKey(library)) {
                    problems.add(say(file, "protocol " + ref + " imports library " + library + ", which is not in the export"));
                }
            }
        }
        out.println(file + ": not covered by any signature, so not checked: the header's exportedAt");
        if (unsigned) {
            out.println(file + ": checked WITHOUT a key: a rewrite whose hashes were recomputed would pass; give --key to rule it out");
        }
        out.println(problems.isEmpty() ? "intact: " + courses.size() + " course(s), " + export.protocols.size() + " protocol version(s)"
                + (export.libraries.isEmpty() ? "" : ", " + export.libraries.size() + " library version(s)")
                : "TAMPERED: " + problems.size() + " problem(s)");
        return problems.isEmpty() ? INTACT : TAMPERED;
    }

    /** Each published text matches its SHA-256 and, with a key, its seal. */
    private void sealed(String file, String kind, Map<String, JsonNode> texts, List<EngineKey> keys, boolean unsigned,
                        List<String> problems) {
        for (var p : texts.entrySet()) {
            JsonNode line = p.getValue();
            String text = line.path("sourceText").asText();
            if (!ChainHasher.sha256(text.getBytes(StandardCharsets.UTF_8)).equals(line.path("sourceSha256").asText())) {
                problems.add(say(file, kind + " " + p.getKey() + ": its text does not match its SHA-256"));
            } else if (!unsigned) {
                new ProtocolSeal(line.path("id").asText(), line.path("version").asInt(), line.path("sourceSha256").asText(),
                        line.path("sealedAt").asText(null), line.path("publishedBy").asText(null), line.path("keyId").asText(null),
                        line.path("signature").asText(null)).problemWith(text, keys)
                        .ifPresent(problem -> problems.add(say(file, problem.replaceFirst("^protocol ", kind + " "))));
            }
        }
    }

    private static Optional<String> problem(String course, List<ChainHasher.StoredEvent> events, Export export, List<EngineKey> keys,
                                            boolean unsigned) {
        if (!export.listed.contains(course)) {
            return Optional.of("it is not listed in the export's header");
        }
        ChainVerification.Result chain = ChainVerification.verify(events, unsigned ? null : keys);
        if (!chain.intact()) {
            ChainVerification.Broken broken = chain.firstBroken().orElseThrow();
            return Optional.of("at sequence " + broken.sequence() + ": " + broken.problem());
        }
        if (unsigned) {
            return events.isEmpty() ? Optional.of("it has no events") : Optional.empty();
        }
        Checkpoint checkpoint = export.checkpoints.get(course);
        if (checkpoint == null) {
            return Optional.of("it has no signed head (checkpoint line)");
        }
        return checkpoint.problemWith(events, keys);
    }

    private String say(String file, String problem) {
        out.println(file + ": " + problem);
        return problem;
    }

    /**
     * The protocol versions a course was under: the one it was screened under (its first event) and each one a
     * prescriber moved it to.
     */
    private List<String> protocolsOf(List<ChainHasher.StoredEvent> events) {
        List<String> versions = new ArrayList<>();
        for (ChainHasher.StoredEvent e : events) {
            String field = e.sequence() == 0 ? "protocol"
                    : org.kap.api.axon.StoredTypes.readAs(e.payloadType()).equals(MIGRATED) ? "to" : null;
            if (field == null) {
                continue;
            }
            try {
                JsonNode ref = json.readTree(e.payload()).path(field);
                if (!ref.isMissingNode()) {
                    versions.add(ref.path("id").asText() + " v" + ref.path("version").asInt());
                }
            } catch (IOException notJson) {
                // a payload that is not JSON fails its hash check, which names it
            }
        }
        return versions;
    }

    /** The stored payload as JSON, or null when it is not JSON (then no payloadJson can match it). */
    private JsonNode decoded(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException notJson) {
            return null;
        }
    }

    private ChainHasher.StoredEvent event(JsonNode node) {
        Map<String, String> metadata = new HashMap<>();
        node.path("metadata").properties().forEach(f -> metadata.put(f.getKey(), f.getValue().asText()));
        return new ChainHasher.StoredEvent(node.path("courseId").asText(), node.path("sequence").asLong(),
                node.path("payloadType").asText(), node.path("payloadRevision").isNull() ? null : node.path("payloadRevision").asText(null),
                node.path("timestamp").asText(), Base64.getDecoder().decode(node.path("payload").asText()), metadata);
    }
}
