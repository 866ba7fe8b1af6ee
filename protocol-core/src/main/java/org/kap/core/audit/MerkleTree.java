package org.kap.core.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (section 2.1, as kept in RFC 9162): leaves hashed with a 0x00 prefix, inner
 * nodes with 0x01, a tree of n leaves split at the largest power of two below n; with its audit paths (inclusion
 * proofs). Hashes are SHA-256, written as lower-case hex.
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(leaf);
        return sha.digest();
    }

    private static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The root over the given leaf hashes (the hash of the empty string for no leaves). */
    public static String root(List<byte[]> leafHashes) {
        return HexFormat.of().formatHex(root(leafHashes, 0, leafHashes.size()));
    }

    private static byte[] root(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return sha256().digest();
        }
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    /** The audit path of leaf {@code index}: the sibling hashes from the leaf up, as hex. */
    public static List<String> inclusionProof(List<byte[]> leafHashes, int index) {
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException("no leaf " + index + " in a tree of " + leafHashes.size());
        }
        List<String> path = new ArrayList<>();
        path(leafHashes, 0, leafHashes.size(), index, path);
        return path;
    }

    private static void path(List<byte[]> leaves, int from, int to, int index, List<String> path) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (index - from < k) {
            path(leaves, from, from + k, index, path);
            path.add(HexFormat.of().formatHex(root(leaves, from + k, to)));
        } else {
            path(leaves, from + k, to, index, path);
            path.add(HexFormat.of().formatHex(root(leaves, from, from + k)));
        }
    }

    /** Whether {@code path} proves the leaf hash at {@code index} in a tree of {@code size} leaves with {@code root} (RFC 9162, 2.1.3.2). */
    public static boolean verifyInclusion(byte[] leafHash, int index, int size, List<String> path, String root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1L;
        byte[] r = leafHash;
        try {
            for (String sibling : path) {
                byte[] p = HexFormat.of().parseHex(sibling);
                if (sn == 0) {
                    return false;
                }
                if ((fn & 1) == 1 || fn == sn) {
                    r = nodeHash(p, r);
                    if ((fn & 1) == 0) {
                        while ((fn & 1) == 0 && fn != 0) {
                            fn >>= 1;
                            sn >>= 1;
                        }
                    }
                } else {
                    r = nodeHash(r, p);
                }
                fn >>= 1;
                sn >>= 1;
            }
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return sn == 0 && HexFormat.of().formatHex(r).equals(root);
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
