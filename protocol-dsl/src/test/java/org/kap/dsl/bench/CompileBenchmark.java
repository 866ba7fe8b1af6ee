package org.kap.dsl.bench;

import org.kap.dsl.CompileResult;
import org.kap.dsl.ProtocolCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures parse + check + compile of the example protocols and of a generated 200-rule protocol.
 * Not a test: run it as docs/benchmarks.md says. Each input is compiled once cold (the first compile
 * in the JVM pays for class loading and the parser's set-up), 300 times to warm the JIT, then 1,000
 * times measured; it prints the first, median, p95 and max per compile in milliseconds.
 */
public final class CompileBenchmark {

    private static final int WARM_UP = 300;
    private static final int MEASURED = 1_000;

    private CompileBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "protocols");
        Map<String, String> inputs = new LinkedHashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".kap")).sorted().toList()) {
                inputs.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        inputs.put("generated-200-rules.kap", generated(200));
        System.out.printf("%-26s %6s %8s %9s %10s %8s %8s%n", "protocol", "rules", "chars", "first ms", "median ms", "p95 ms",
                "max ms");
        for (var input : inputs.entrySet()) {
            long first = System.nanoTime();
            CompileResult once = ProtocolCompiler.compile(input.getKey(), input.getValue());
            first = System.nanoTime() - first;
            if (once.hasErrors()) {
                throw new IllegalStateException(input.getKey() + " does not compile: " + once.errors());
            }
            for (int i = 0; i < WARM_UP; i++) {
                ProtocolCompiler.compile(input.getKey(), input.getValue());
            }
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                ProtocolCompiler.compile(input.getKey(), input.getValue());
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("%-26s %6d %8d %9.1f %10.3f %8.3f %8.3f%n", input.getKey(), once.protocol().rules().size(),
                    input.getValue().length(), ms(first), ms(nanos[MEASURED / 2]), ms(nanos[(int) (MEASURED * 0.95)]), ms(nanos[MEASURED - 1]));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** A protocol of {@code rules} rules spread over every section, with unique ids. */
    static String generated(int rules) {
        StringBuilder text = new StringBuilder("""
                protocol "generated" version 1
                status active
                indications: depression, ptsd
                """);
        String[] sections = {"screening", "dosing route IM", "spacing", "session", "vitals", "observation", "discharge",
                "adverse events", "outcomes"};
        String[] clauses = {
                "exclude when diagnosis in [code_%1$d, other_%1$d] or systolic >= %2$d mmHg",
                "max %2$d mg per session",
                "at most %3$d sessions per %2$d days rolling",
                "pre-dose systolic < %2$d mmHg",
                "when spo2 < %4$d %% on 2 readings 5 min apart: extend observation by %3$d min",
                "check systolic, diastolic at %2$d min +/- 5 min after dose_start",
                "when systolic < %2$d mmHg",
                "on hypertension grade >= %3$d: extend observation by %2$d min",
                "review after %2$d sessions unless phq9 improved by %4$d %%"};
        int perSection = rules / sections.length;
        int written = 0;
        for (int s = 0; s < sections.length; s++) {
            text.append(sections[s]).append(":\n");
            int count = s == sections.length - 1 ? rules - written : perSection;
            for (int i = 0; i < count; i++, written++) {
                String clause = clauses[s].formatted(written, 100 + i, 1 + i % 4, 80 + i % 15);
                text.append("  rule GEN-").append(written).append(": ").append(clause)
                        .append(" message \"generated rule ").append(written).append("\" cite \"benchmark\"\n");
            }
        }
        return text.toString();
    }
}
