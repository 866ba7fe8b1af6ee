package org.kap.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.kap.api.KapProperties;
import org.kap.core.audit.MerkleTree;
import org.kap.core.audit.TreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The anchor (docs/audit.md): every {@code kap.anchor.interval}, when any course changed, a signed tree head over
 * every course's signed head, stored and appended to {@code tree-heads.jsonl} in {@code kap.anchor.dir}, a file
 * outside the event store for someone else to copy away. Each course's leaf is kept whenever it changes, so its
 * inclusion in any past tree head can be proven in its export.
 */
@Component
public class TreeHeads {

    /** A stored tree head and its number. */
    public record Numbered(long treeId, TreeHead head) {
    }

    /** A course's inclusion in a tree head: its leaf, its place and the audit path. */
    public record Inclusion(Numbered tree, TreeHead.Leaf leaf, int leafIndex, List<String> path) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TreeHeads.class);
    public static final String ANCHOR_FILE = "tree-heads.jsonl";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EngineKeys keys;
    private final Clock clock;
    private final ObjectMapper json;
    private final Path anchor;

    public TreeHeads(JdbcTemplate jdbc, TransactionTemplate transaction, EngineKeys keys, Clock clock, ObjectMapper json,
                     KapProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.keys = keys;
        this.clock = clock;
        this.json = json;
        Path dir = properties.anchor().dir() != null ? properties.anchor().dir()
                : (properties.dataDir() == null ? Path.of("data") : properties.dataDir()).resolve("anchor");
        this.anchor = dir.resolve(ANCHOR_FILE);
    }

    @Scheduled(fixedDelayString = "${kap.anchor.interval:1h}", initialDelayString = "${kap.anchor.interval:1h}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "tree-head", lockAtMostFor = "10m")
    public void scheduled() {
        publish();
    }

    /**
     * A new tree head when a course changed since the last one (stored, then appended to the anchor); empty otherwise.
     * Made by one engine at a time: another engine making the same tree head at once wins, and this one looks again.
     */
    public Optional<Numbered> publish() {
        try {
            return publishOnce();
        } catch (org.springframework.dao.DuplicateKeyException anotherEngine) {
            return publishOnce();
        }
    }

    private Optional<Numbered> publishOnce() {
        Optional<Numbered> made = transaction.execute(status -> {
            Map<String, TreeHead.Leaf> now = new LinkedHashMap<>();
            jdbc.query("SELECT course_id, event_count, head_hash FROM course_checkpoint", row -> {
                now.put(row.getString(1), new TreeHead.Leaf(row.getString(1), row.getLong(2), row.getString(3)));
            });
            Optional<Numbered> last = latest();
            Map<String, TreeHead.Leaf> before = new LinkedHashMap<>();
            last.ifPresent(l -> leaves(l.treeId()).forEach(leaf -> before.put(leaf.courseId(), leaf)));
            if (last.isPresent() && now.equals(before)) {
                return Optional.<Numbered>empty();
            }
            long treeId = last.map(Numbered::treeId).orElse(0L) + 1;
            for (TreeHead.Leaf leaf : now.values()) {
                if (!leaf.equals(before.get(leaf.courseId()))) {
                    jdbc.update("INSERT INTO tree_leaf (course_id, tree_id, event_count, head_hash) VALUES (?, ?, ?, ?)",
                            leaf.courseId(), treeId, leaf.eventCount(), leaf.headHash());
                }
            }
            // a course whose signed head vanished keeps its leaf in the trees before; the new tree has what is there now
            List<TreeHead.Leaf> ordered = sorted(now.values());
            for (TreeHead.Leaf gone : before.values()) {
                if (!now.containsKey(gone.courseId())) {
                    LOG.error("course {} was in tree head {} and has no signed head now", gone.courseId(), treeId - 1);
                    jdbc.update("INSERT INTO tree_leaf (course_id, tree_id, event_count, head_hash) VALUES (?, ?, ?, ?)",
                            gone.courseId(), treeId, -1L, "");
                }
            }
            TreeHead head = TreeHead.sign(ordered, clock.instant().toString(), keys.signing());
            jdbc.update("INSERT INTO tree_head (tree_id, tree_size, root_hash, issued_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)",
                    treeId, head.treeSize(), head.rootHash(), head.issuedAt(), head.keyId(), head.signature());
            return Optional.of(new Numbered(treeId, head));
        });
        made.ifPresent(this::appendToAnchor);
        return made;
    }

    public Optional<Numbered> latest() {
        return jdbc.query("SELECT tree_id, tree_size, root_hash, issued_at, key_id, signature FROM tree_head ORDER BY tree_id DESC "
                        + "FETCH FIRST 1 ROWS ONLY", (rs, n) -> new Numbered(rs.getLong(1), new TreeHead(rs.getLong(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)))).stream().findFirst();
    }

    public Optional<Numbered> tree(long treeId) {
        return jdbc.query("SELECT tree_id, tree_size, root_hash, issued_at, key_id, signature FROM tree_head WHERE tree_id = ?",
                (rs, n) -> new Numbered(rs.getLong(1), new TreeHead(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6))), treeId).stream().findFirst();
    }

    public List<Numbered> all() {
        return jdbc.query("SELECT tree_id, tree_size, root_hash, issued_at, key_id, signature FROM tree_head ORDER BY tree_id",
                (rs, n) -> new Numbered(rs.getLong(1), new TreeHead(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6))));
    }

    /** The leaves of tree {@code treeId}, in the tree's order. */
    List<TreeHead.Leaf> leaves(long treeId) {
        List<TreeHead.Leaf> leaves = jdbc.query("""
                        SELECT l.course_id, l.event_count, l.head_hash FROM tree_leaf l
                        WHERE l.tree_id = (SELECT MAX(m.tree_id) FROM tree_leaf m WHERE m.course_id = l.course_id AND m.tree_id <= ?)
                          AND l.event_count >= 0""",
                (rs, n) -> new TreeHead.Leaf(rs.getString(1), rs.getLong(2), rs.getString(3)), treeId);
        return sorted(leaves);
    }

    /** The course's inclusion in tree {@code treeId}; empty when the tree or the course's leaf in it is not stored. */
    public Optional<Inclusion> inclusion(String courseId, long treeId) {
        Optional<Numbered> tree = tree(treeId);
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        List<TreeHead.Leaf> leaves = leaves(treeId);
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).courseId().equals(courseId)) {
                List<byte[]> hashes = leaves.stream().map(TreeHead.Leaf::hash).toList();
                return Optional.of(new Inclusion(tree.get(), leaves.get(i), i, MerkleTree.inclusionProof(hashes, i)));
            }
        }
        return Optional.empty();
    }

    /** The anchor file this engine appends to. */
    public Path anchorFile() {
        return anchor;
    }

    /** One line of the anchor file: a tree head as JSON. */
    public static Map<String, Object> line(Numbered tree) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "tree-head");
        line.put("treeId", tree.treeId());
        line.put("treeSize", tree.head().treeSize());
        line.put("rootHash", tree.head().rootHash());
        line.put("issuedAt", tree.head().issuedAt());
        line.put("keyId", tree.head().keyId());
        line.put("signature", tree.head().signature());
        return line;
    }

    private void appendToAnchor(Numbered tree) {
        try {
            Files.createDirectories(anchor.getParent());
            byte[] bytes = (json.writeValueAsString(line(tree)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (FileChannel file = FileChannel.open(anchor, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                file.write(ByteBuffer.wrap(bytes));
                file.force(true);
            }
            LOG.info("tree head {} over {} course(s) appended to {}", tree.treeId(), tree.head().treeSize(), anchor);
        } catch (IOException e) {
            // the head is stored; the anchor misses it until an operator copies it from GET /api/v1/audit/tree-heads
            LOG.error("tree head {} could not be appended to {}", tree.treeId(), anchor, e);
            throw new UncheckedIOException(e);
        }
    }

    private static List<TreeHead.Leaf> sorted(java.util.Collection<TreeHead.Leaf> leaves) {
        List<TreeHead.Leaf> ordered = new ArrayList<>(leaves);
        ordered.sort(Comparator.comparing(TreeHead.Leaf::courseId));
        return ordered;
    }
}
