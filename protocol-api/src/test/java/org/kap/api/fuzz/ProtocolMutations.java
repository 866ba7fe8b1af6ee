package org.kap.api.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A protocol text with a few lines or characters deleted, repeated, swapped or replaced by hostile ones. */
final class ProtocolMutations {

    private static final List<String> HOSTILE = List.of("\u0000", "\u001B", "\"", "(", ")", ":", "999999999999999999999",
            "-1", "mg/kg", "\uD83D\uDC8A", "x".repeat(600), "\n", "#", "rule", "when", "max", "%s");

    private ProtocolMutations() {
    }

    static String mutate(Random random, String text) {
        // a fresh id and version, so a text that still compiles publishes rather than conflicts
        String base = text.replaceFirst("protocol \"[^\"]+\" version \\d+",
                "protocol \"fuzz-" + random.nextInt(1_000_000) + "\" version " + (1 + random.nextInt(9)));
        List<String> lines = new ArrayList<>(Arrays.asList(base.split("\n", -1)));
        int edits = random.nextInt(5); // none: a valid text under a new id, which publishes
        for (int i = 0; i < edits && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(5)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
                case 2 -> {
                    int other = random.nextInt(lines.size());
                    String swapped = lines.get(at);
                    lines.set(at, lines.get(other));
                    lines.set(other, swapped);
                }
                default -> {
                    String line = lines.get(at);
                    int column = line.isEmpty() ? 0 : random.nextInt(line.length());
                    String hostile = HOSTILE.get(random.nextInt(HOSTILE.size()));
                    lines.set(at, line.substring(0, column) + hostile + line.substring(Math.min(line.length(), column + random.nextInt(3))));
                }
            }
        }
        return String.join("\n", lines);
    }
}
