package org.kap.core.terminology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a rule's list names: the protocol's own words and value sets ({@code [bipolar_mania, psychotic_disorders]}).
 * A value of the client's record is in the list when it is one of the words, or in one of the sets (a word of the
 * set, or a code the set contains).
 */
public record Terms(Set<String> words, List<ValueSet> sets) {

    public Terms {
        words = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(words));
        sets = List.copyOf(sets);
        if (words.isEmpty() && sets.isEmpty()) {
            throw new IllegalArgumentException("a list names at least one word or value set");
        }
    }

    public static Terms of(Set<String> words) {
        return new Terms(words, List.of());
    }

    /** How a value of the client's record matched, for a finding ({@code F20.9 (ICD-10-CM) in psychotic_disorders v1}). */
    public Optional<String> match(String value) {
        if (!Coding.isToken(value) && words.contains(value)) {
            return Optional.of(value);
        }
        for (ValueSet set : sets) {
            Optional<String> hit = set.match(value);
            if (hit.isPresent()) {
                return Optional.of(hit.get() + " in " + set.label());
            }
        }
        return Optional.empty();
    }

    /**
     * How a matching value is named in a finding whose limit is this list: the value alone when the list is one value
     * set ({@code F20.9 (ICD-10-CM)} in {@code psychotic_disorders v1}), else with the set it matched through.
     */
    public Optional<String> evidence(String value) {
        if (words.isEmpty() && sets.size() == 1) {
            return sets.get(0).match(value);
        }
        return match(value);
    }

    /** The list as a finding's limit: the one value set's name, or the list. */
    public String limit() {
        return words.isEmpty() && sets.size() == 1 ? sets.get(0).label() : toString();
    }

    public boolean contains(String value) {
        return match(value).isPresent();
    }

    /** Every word the list accepts, its sets' words included: the protocol's vocabulary. */
    public Set<String> vocabulary() {
        return Stream.concat(words.stream(), sets.stream().flatMap(s -> s.words().stream())).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code [bipolar_mania, psychotic_disorders v1]}: words sorted, then the sets in order. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>(new TreeSet<>(words));
        sets.forEach(s -> names.add(s.label()));
        return names.toString();
    }
}
