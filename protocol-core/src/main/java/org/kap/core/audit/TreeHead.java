package org.kap.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A signed tree head over every course's signed head at one moment: a Merkle tree (RFC 6962) whose leaves are
 * the courses in id order, each leaf its course's id, number of events and last hash. Published to an anchor
 * outside the event store (a file someone can copy away), it fixes what every course was at that moment: a
 * course later rewritten, even by someone holding the signing key, no longer extends the leaf a kept tree head
 * proves.
 *
 * @param treeSize  how many courses (leaves)
 * @param rootHash  the Merkle tree hash, hex
 * @param issuedAt  when it was made (ISO-8601)
 * @param keyId     the signing key's id
 * @param signature Ed25519 over {@link #content()}, base64
 */
public record TreeHead(long treeSize, String rootHash, String issuedAt, String keyId, String signature) {

    private static final String VERSION = "kap-tree-head-v1";

    /** One leaf: a course's id, how many events it had and the hash of the last. */
    public record Leaf(String courseId, long eventCount, String headHash) {
        public byte[] hash() {
            return MerkleTree.leafHash(("kap-leaf-v1\n" + courseId + '\n' + eventCount + '\n' + headHash + '\n')
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    public byte[] content() {
        return content(treeSize, rootHash, issuedAt, keyId);
    }

    private static byte[] content(long treeSize, String rootHash, String issuedAt, String keyId) {
        return (VERSION + '\n' + treeSize + '\n' + rootHash + '\n' + issuedAt + '\n' + keyId + '\n').getBytes(StandardCharsets.UTF_8);
    }

    /** The signed head over {@code leaves}, which must be in course id order. */
    public static TreeHead sign(List<Leaf> leaves, String issuedAt, EngineKey key) {
        String root = MerkleTree.root(leaves.stream().map(Leaf::hash).toList());
        return new TreeHead(leaves.size(), root, issuedAt, key.id(), key.sign(content(leaves.size(), root, issuedAt, key.id())));
    }

    /** Whether the signature holds under one of the trusted keys. */
    public Optional<String> problemWith(Collection<EngineKey> keys) {
        Optional<EngineKey> key = keys.stream().filter(k -> k.id().equals(keyId)).findFirst();
        if (key.isEmpty()) {
            return Optional.of("the tree head is signed by key " + keyId + ", which is not among the trusted keys");
        }
        return key.get().verifies(content(), signature) ? Optional.empty()
                : Optional.of("the tree head's signature does not verify (it was changed or forged)");
    }

    /** Whether {@code path} proves {@code leaf} at {@code index} in this tree. */
    public boolean includes(Leaf leaf, int index, List<String> path) {
        return treeSize <= Integer.MAX_VALUE && MerkleTree.verifyInclusion(leaf.hash(), index, (int) treeSize, path, rootHash);
    }
}
