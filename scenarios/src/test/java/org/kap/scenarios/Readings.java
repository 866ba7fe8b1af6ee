package org.kap.scenarios;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vital signs and discharge findings as the journeys write them, turned into the API's request
 * fields: "blood pressure 134/84 mmHg, SpO2 97 %, heart rate 80 bpm". Units stay in the text the
 * engine receives; an unknown phrase fails the journey rather than being skipped.
 */
final class Readings {

    private static final Pattern BLOOD_PRESSURE = Pattern.compile("blood pressure (\\d+)/(\\d+) mmHg");
    private static final Pattern SIGN = Pattern.compile("(SpO2|heart rate|respiratory rate) (\\d+(?:\\.\\d+)? (?:%|bpm|breaths/min))");
    private static final Pattern SCORE = Pattern.compile("([A-Za-z/0-9-]+) (\\d+)");

    private Readings() {
    }

    static Map<String, Object> vitals(String text, Instant measuredAt) {
        Map<String, Object> vitals = new LinkedHashMap<>();
        if (measuredAt != null) {
            vitals.put("measuredAt", measuredAt.toString());
        }
        for (String part : parts(text)) {
            Matcher bp = BLOOD_PRESSURE.matcher(part);
            Matcher sign = SIGN.matcher(part);
            if (bp.matches()) {
                vitals.put("systolic", bp.group(1) + " mmHg");
                vitals.put("diastolic", bp.group(2) + " mmHg");
            } else if (sign.matches()) {
                vitals.put(switch (sign.group(1)) {
                    case "SpO2" -> "spo2";
                    case "heart rate" -> "heartRate";
                    default -> "respiratoryRate";
                }, sign.group(2));
            } else {
                throw new IllegalArgumentException("not a vital sign: '" + part
                        + "' (write e.g. 'blood pressure 128/82 mmHg', 'SpO2 97 %', 'heart rate 72 bpm', 'respiratory rate 14 breaths/min')");
            }
        }
        return vitals;
    }

    /** "aldrete 10, MOAA/S 5, escort present, driven by the escort" */
    static Map<String, Object> discharge(String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Integer> scores = new LinkedHashMap<>();
        body.put("escortPresent", false);
        for (String part : parts(text)) {
            Matcher score = SCORE.matcher(part);
            String transport = TRANSPORT.get(part);
            if (part.equals("escort present")) {
                body.put("escortPresent", true);
            } else if (part.equals("no escort")) {
                body.put("escortPresent", false);
            } else if (transport != null) {
                body.put("transport", transport);
            } else if (score.matches()) {
                scores.put(instrument(score.group(1)), Integer.valueOf(score.group(2)));
            } else {
                throw new IllegalArgumentException("not a discharge finding: '" + part + "' (write scores as 'aldrete 10', "
                        + "'escort present' or 'no escort', and one of " + TRANSPORT.keySet() + ")");
            }
        }
        body.put("scores", scores);
        return body;
    }

    /** "PHQ-9", "MOAA/S", "aldrete" -> the API's instrument code. */
    static String instrument(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("/", "");
    }

    /** "phq9 19, gad7 12" */
    static Map<String, Integer> scores(String text) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String part : parts(text)) {
            Matcher score = SCORE.matcher(part);
            if (!score.matches()) {
                throw new IllegalArgumentException("not a score: '" + part + "' (write e.g. 'PHQ-9 19')");
            }
            scores.put(instrument(score.group(1)), Integer.valueOf(score.group(2)));
        }
        return scores;
    }

    private static final Map<String, String> TRANSPORT = Map.of(
            "driven by the escort", "driven_by_escort",
            "driving themself", "self_driving",
            "by taxi", "taxi",
            "by public transport", "public_transport",
            "walking", "walking",
            "staying on site", "stays_on_site");

    static String[] parts(String text) {
        return text.trim().split("\\s*,\\s*|\\s+and\\s+");
    }

    /**
     * A word of the protocol (lower case), or a code as a clinical system sends it, written with its system's name:
     * {@code ICD-10-CM F20.9}, {@code ATC N05BA12}, {@code SNOMED CT 58214004}, {@code RxNorm 6130}.
     */
    static Object coded(String written) {
        for (org.kap.core.terminology.CodeSystem system : org.kap.core.terminology.CodeSystem.values()) {
            if (written.startsWith(system.label() + " ")) {
                return Map.of("system", system.uri(), "code", written.substring(system.label().length() + 1).trim());
            }
        }
        return written.toLowerCase(java.util.Locale.ROOT);
    }
}
