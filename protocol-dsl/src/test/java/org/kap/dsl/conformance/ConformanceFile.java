package org.kap.dsl.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * A conformance file: a protocol snippet, then cases.
 * <pre>
 * protocol:
 *   dosing route IM:
 *     rule DOSE-IM-MAX: max 1.0 mg/kg per session message "..." cite "..."
 * case: a dose over the maximum is refused
 *   given: screen weight 70 kg
 *   given: consent
 *   when: approve IM 1.1 mg/kg
 *   expect: refused DOSE-IM-MAX
 * </pre>
 * Lines starting with '#' are comments. The snippet is everything between "protocol:" and the first "case:".
 */
public record ConformanceFile(String name, String protocol, int protocolLine, List<ConformanceCase> cases) {

    static ConformanceFile parse(String name, String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder protocol = new StringBuilder();
        List<ConformanceCase> cases = new ArrayList<>();
        int protocolLine = 0;
        String caseName = null;
        int caseLine = 0;
        List<String> given = new ArrayList<>();
        String when = null;
        boolean inProtocol = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.trim();
            if (trimmed.startsWith("#") && !inProtocol || trimmed.isEmpty() && !inProtocol) {
                continue;
            }
            if (trimmed.equals("protocol:")) {
                inProtocol = true;
                protocolLine = i + 2;
            } else if (trimmed.startsWith("case:")) {
                inProtocol = false;
                caseName = trimmed.substring(5).trim();
                caseLine = i + 1;
                given = new ArrayList<>();
                when = null;
            } else if (inProtocol) {
                protocol.append(line).append('\n');
            } else if (trimmed.startsWith("given:")) {
                given.add(trimmed.substring(6).trim());
            } else if (trimmed.startsWith("when:")) {
                when = trimmed.substring(5).trim();
            } else if (trimmed.startsWith("expect:")) {
                if (caseName == null || when == null) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": 'expect' needs a 'case:' and a 'when:' before it");
                }
                cases.add(new ConformanceCase(name, caseLine, caseName, List.copyOf(given), when, trimmed.substring(7).trim()));
            } else {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": cannot read '" + trimmed + "'");
            }
        }
        return new ConformanceFile(name, protocol.toString(), protocolLine, cases);
    }
}
