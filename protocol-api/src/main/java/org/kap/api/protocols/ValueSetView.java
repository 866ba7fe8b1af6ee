package org.kap.api.protocols;

import org.kap.core.terminology.ValueSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value set: its words, and per code system (FHIR system URI) its entries as written ({@code F20-F29}; a code of a
 * hierarchical system stands for everything under it), the public source cited, and for a set a protocol imported,
 * the library version it came from ({@code kap-terms v1}) and the SHA-256 of that library's text (both null when the
 * protocol declares the set).
 */
record ValueSetView(String name, int version, List<String> words, Map<String, List<String>> codes, String cite, String library,
                    String librarySha256) {

    static ValueSetView of(ValueSet set) {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        set.members().forEach(m -> codes.computeIfAbsent(m.system().uri(), u -> new ArrayList<>()).add(m.toString()));
        return new ValueSetView(set.name(), set.version(), List.copyOf(set.words()), codes, set.cite(),
                set.library().map(from -> from.label()).orElse(null), set.library().map(from -> from.sourceSha256()).orElse(null));
    }
}
