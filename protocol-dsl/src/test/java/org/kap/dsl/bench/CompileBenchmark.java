package org.kap.dsl.bench;

import org.kap.dsl.CompileResult;
import org.kap.dsl.ProtocolCompiler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures parse + check + compile ({@link ProtocolCompiler#compile}) of every example protocol and
 * of a generated 200-rule protocol. Not a test (no Test suffix, no @Test: surefire never runs it);
 * run it as docs/benchmarks.md says, from the repository root:
 *
 * <pre>
 * ./mvnw -q -B -pl protocol-dsl -am install -DskipTests &amp;&amp; java -cp "protocol-dsl/target/test-classes:protocol-dsl/target/classes:$(cat protocol-dsl/target/cli-classpath.txt)" org.kap.dsl.bench.CompileBenchmark
 * </pre>
 *
 * <p>Inputs: every {@code *.kap} in the directory given as the first argument ({@code --only-generated}: none, so
 * that the first compile of the generated protocol is a cold one), else in {@code protocols}
 * or {@code ../protocols} (whichever exists, so it runs from the root or from the module); when there
 * is none, the sample protocol of the tests stands in. Each input is compiled once cold (the first
 * compile in the JVM pays for class loading and ANTLR's set-up), {@value #WARM_UP} times to warm the JIT,
 * then {@value #MEASURED} times measured; it prints the first, median, p95 and max per compile in ms.
 */
public final class CompileBenchmark {

    static final int WARM_UP = 300;
    static final int MEASURED = 1_000;
    static final int GENERATED_RULES = 200;
    static final int VALUE_SETS = 20;
    static final int CODES_PER_SET = 1_000;

    private CompileBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        boolean onlyGenerated = args.length > 0 && args[0].equals("--only-generated");
        Map<String, String> inputs = onlyGenerated ? new LinkedHashMap<>()
                : inputs(args.length > 0 ? List.of(Path.of(args[0])) : List.of(Path.of("protocols"), Path.of("../protocols")));
        inputs.put("generated-" + GENERATED_RULES + "-rules.kap", generated(GENERATED_RULES));
        inputs.put("generated-" + VALUE_SETS + "x" + CODES_PER_SET + "-codes.kap", generatedValueSets(VALUE_SETS, CODES_PER_SET));
        System.out.printf("%s, %d warm-up + %d measured compiles per input, %d processors%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), WARM_UP, MEASURED,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-26s %6s %8s %9s %10s %8s %8s%n", "protocol", "rules", "chars", "first ms", "median ms", "p95 ms", "max ms");
        for (var input : inputs.entrySet()) {
            long first = System.nanoTime();
            CompileResult once = ProtocolCompiler.compile(input.getKey(), input.getValue());
            first = System.nanoTime() - first;
            if (once.hasErrors()) {
                throw new IllegalStateException(input.getKey() + " does not compile: " + once.errors());
            }
            for (int i = 0; i < WARM_UP; i++) {
                consume(ProtocolCompiler.compile(input.getKey(), input.getValue()));
            }
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                CompileResult result = ProtocolCompiler.compile(input.getKey(), input.getValue());
                nanos[i] = System.nanoTime() - start;
                consume(result);
            }
            Arrays.sort(nanos);
            System.out.printf("%-26s %6d %8d %9.1f %10.3f %8.3f %8.3f%n", input.getKey(), once.protocol().rules().size(),
                    input.getValue().length(), ms(first), ms(nanos[MEASURED / 2]), ms(nanos[(int) Math.ceil(MEASURED * 0.95) - 1]),
                    ms(nanos[MEASURED - 1]));
        }
        System.out.println("checksum " + sink);
    }

    /** Every *.kap of the first directory that has any, by name; the tests' sample protocol when none has. */
    static Map<String, String> inputs(List<Path> directories) throws IOException {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".kap")).sorted().toList()) {
                    inputs.put(f.getFileName().toString(), Files.readString(f));
                }
            }
            if (!inputs.isEmpty()) {
                return inputs;
            }
        }
        try (InputStream in = CompileBenchmark.class.getResourceAsStream("/samples/valid-kap-im.kap")) {
            inputs.put("stand-in valid-kap-im.kap", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return inputs;
    }

    private static long sink;

    /** Keeps the JIT from dropping a compile whose result is unused. */
    private static void consume(CompileResult result) {
        sink += result.diagnostics().size() + (result.protocol() == null ? 0 : result.protocol().sourceSha256().charAt(0));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /**
     * A clean protocol with {@code sets} value sets of {@code codes} ICD-10-CM codes each (at most 26 sets of 1,000:
     * set i holds every code from its letter's 00.0 to 99.9, so no two entries overlap), and one screening rule per set.
     */
    static String generatedValueSets(int sets, int codes) {
        StringBuilder rules = new StringBuilder("""
                # generated by CompileBenchmark.generatedValueSets
                protocol "generated-codes" version 1
                title "Generated value sets for the compile benchmark"
                status active
                indications: depression

                dosing route IM:
                  rule GEN-IM-MAX: max 1 mg/kg per session message "generated" cite "benchmark"

                observation:
                  rule GEN-OBS: at least 120 min after dose_start message "generated" cite "benchmark"

                screening:
                """);
        StringBuilder valueSets = new StringBuilder("\nvalue sets:\n");
        for (int set = 0; set < sets; set++) {
            char letter = (char) ('A' + set);
            rules.append("  rule GEN-VS-").append(set).append(": exclude when diagnosis in set_").append(set)
                    .append(" message \"generated\" cite \"benchmark\"\n");
            valueSets.append("  set set_").append(set).append(":\n    words word_").append(set).append("\n    icd-10-cm ");
            for (int i = 0; i < codes; i++) {
                valueSets.append(i == 0 ? "" : ", ").append(letter).append(String.format("%02d.%d", i / 10 % 100, i % 10));
            }
            valueSets.append("\n    cite \"benchmark\"\n");
        }
        return rules.append(valueSets).toString();
    }

    /**
     * A clean protocol of {@code rules} rules with unique ids, spread over every section (most of them
     * screening, dosing and spacing rules, as in a real protocol's bulk).
     */
    static String generated(int rules) {
        StringBuilder text = new StringBuilder("""
                # generated by CompileBenchmark.generated
                protocol "generated" version 1
                title "Generated for the compile benchmark"
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
        // screening, dosing and spacing take three quarters of the rules; the other sections share the rest
        int[] weights = {50, 50, 50, 9, 9, 9, 9, 7, 7};
        int written = 0;
        for (int s = 0; s < sections.length; s++) {
            text.append('\n').append(sections[s]).append(":\n");
            int count = s == sections.length - 1 ? rules - written : Math.min(rules - written, rules * weights[s] / 200);
            for (int i = 0; i < count; i++, written++) {
                // the first observation rule is the minimum observation, which every protocol has
                String clause = s == 5 && i == 0 ? "at least 120 min after dose_start"
                        : clauses[s].formatted(written, 100 + i, 1 + i % 4, 80 + i % 15);
                text.append("  rule GEN-").append(written).append(": ").append(clause).append('\n')
                        .append("    message \"generated rule ").append(written).append("\" cite \"benchmark\"\n");
            }
        }
        return text.toString();
    }
}
