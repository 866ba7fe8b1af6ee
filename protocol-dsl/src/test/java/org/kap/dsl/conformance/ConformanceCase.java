package org.kap.dsl.conformance;

import java.util.List;

/**
 * One case of the conformance suite: under the file's protocol snippet, given these steps of a
 * course, the last step ({@code when}) is expected to be decided so.
 *
 * @param expectation {@code allowed}, {@code warned RULE...}, {@code refused RULE...}, {@code conflict} or {@code invalid}
 */
record ConformanceCase(String file, int line, String name, List<String> given, String when, String expectation) {

    @Override
    public String toString() {
        return file + ":" + line + " " + name;
    }
}
