package org.kap.dsl.bench;

import org.kap.core.course.ScreeningDecision;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Finding;
import org.kap.core.screening.ClientProfile;
import org.kap.core.terminology.CodeSystem;
import org.kap.core.terminology.Coding;
import org.kap.dsl.ProtocolCompiler;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures one screening decision ({@link ScreeningDecision#findings}: every rule, and every code of the client
 * looked up in the value sets) in process, against the generated protocol of 20 value sets of 1,000 ICD-10-CM
 * codes each, for a client with five coded diagnoses (one in the last set, one in no set) and two coded
 * medications. Not a test; run it as docs/benchmarks.md says, from the repository root:
 *
 * <pre>
 * ./mvnw -q -B -pl protocol-dsl -am install -DskipTests &amp;&amp; java -cp "protocol-dsl/target/test-classes:protocol-dsl/target/classes:$(cat protocol-dsl/target/cli-classpath.txt)" org.kap.dsl.bench.ScreeningBenchmark
 * </pre>
 */
public final class ScreeningBenchmark {

    static final int WARM_UP = 2_000;
    static final int MEASURED = 10_000;

    private ScreeningBenchmark() {
    }

    public static void main(String[] args) {
        Protocol protocol = ProtocolCompiler.compile("codes.kap",
                CompileBenchmark.generatedValueSets(CompileBenchmark.VALUE_SETS, CompileBenchmark.CODES_PER_SET)).protocol();
        ClientProfile client = client();
        Instant at = Instant.parse("2026-03-02T09:00:00Z");
        List<Finding> once = ScreeningDecision.findings(protocol, Indication.DEPRESSION, client, at);
        if (once.stream().noneMatch(f -> f.ruleId().value().equals("GEN-VS-19"))
                || once.stream().noneMatch(f -> f.ruleId().value().equals("ENGINE-UNKNOWN-CODE"))) {
            throw new IllegalStateException("the client should fire GEN-VS-19 and ENGINE-UNKNOWN-CODE: " + once);
        }
        for (int i = 0; i < WARM_UP; i++) {
            sink += ScreeningDecision.findings(protocol, Indication.DEPRESSION, client, at).size();
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            sink += ScreeningDecision.findings(protocol, Indication.DEPRESSION, client, at).size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%s, %d processors; %d value sets x %d codes; %d warm-up + %d measured screenings%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), CompileBenchmark.VALUE_SETS, CompileBenchmark.CODES_PER_SET,
                WARM_UP, MEASURED);
        System.out.printf("screening: median %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms (checksum %d)%n",
                ms(nanos[MEASURED / 2]), ms(nanos[(int) (MEASURED * 0.95)]), ms(nanos[(int) (MEASURED * 0.99)]),
                ms(nanos[MEASURED - 1]), sink);
    }

    /** Five coded diagnoses (T99.9 is in the last set, Z99.9 in none) and two coded medications. */
    static ClientProfile client() {
        Set<String> diagnoses = Set.of(icd("F32.1"), icd("F33.9"), icd("G43.9"), icd("T99.9"), icd("Z99.9"));
        Set<String> medications = Set.of(new Coding(CodeSystem.ATC, "N06AB06").token(), new Coding(CodeSystem.ATC, "N05BA12").token());
        return new ClientProfile(40, org.kap.core.units.Units.kg(70), diagnoses, Set.of(), Set.of(), medications, List.of(),
                false, false, null, Map.of());
    }

    private static String icd(String code) {
        return new Coding(CodeSystem.ICD_10_CM, code).token();
    }

    private static long sink;

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
