package org.kap.core.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MerkleTreeTest {

    /** The leaf inputs of the Certificate Transparency reference tests for RFC 6962 (hex). */
    private static final List<String> INPUTS = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");

    /** Their tree hashes for the first 1..8 leaves, as published with those tests. */
    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(HexFormat.of().parseHex(INPUTS.get(i % INPUTS.size()) + (i < INPUTS.size() ? "" : "ff"))));
        }
        return leaves;
    }

    @Test
    void tree_hashes_match_the_rfc_6962_reference_values() {
        assertThat(MerkleTree.root(List.of())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int n = 1; n <= 8; n++) {
            assertThat(MerkleTree.root(leaves(n))).as(n + " leaves").isEqualTo(ROOTS.get(n - 1));
        }
    }

    @Test
    void every_leaf_of_every_tree_up_to_40_is_proven_and_nothing_else_is() {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = leaves(n);
            String root = MerkleTree.root(leaves);
            for (int i = 0; i < n; i++) {
                List<String> path = MerkleTree.inclusionProof(leaves, i);
                assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, n, path, root)).as("leaf " + i + " of " + n).isTrue();
                assertThat(MerkleTree.verifyInclusion(MerkleTree.leafHash(new byte[] {9}), i, n, path, root)).as("another leaf").isFalse();
                if (n > 1) {
                    assertThat(MerkleTree.verifyInclusion(leaves.get(i), (i + 1) % n, n, path, root)).as("another place").isFalse();
                    List<String> bent = new ArrayList<>(path);
                    bent.set(0, MerkleTree.root(List.of(MerkleTree.leafHash(new byte[] {7}))));
                    assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, n, bent, root)).as("a changed path").isFalse();
                    assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, n, path.subList(1, path.size()), root)).as("a short path").isFalse();
                }
            }
        }
    }
}
