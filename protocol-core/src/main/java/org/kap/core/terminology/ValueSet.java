package org.kap.core.terminology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named, versioned set of what a rule looks for: the protocol's own words and codes of public code systems,
 * each code standing for itself alone, for itself and everything under it, or for a range (see {@link Member}).
 * {@code diagnosis in psychotic_disorders} holds when any of the client's diagnoses is in the set.
 *
 * A value of the record is looked up by its code's prefixes in an index of the set's codes, so a set of thousands
 * of codes answers in a few hash lookups.
 */
public final class ValueSet {

    /** One entry of a value set. */
    public sealed interface Member {
        CodeSystem system();

        boolean contains(Coding coding);

        /** {@code F20.9} (SNOMED CT and RxNorm: the code alone). */
        record Code(Coding coding) implements Member {
            @Override
            public CodeSystem system() {
                return coding.system();
            }

            @Override
            public boolean contains(Coding other) {
                return coding.system() == other.system() && (coding.system().hierarchical()
                        ? other.code().startsWith(coding.code()) : other.code().equals(coding.code()));
            }

            @Override
            public String toString() {
                return coding.code();
            }
        }

        /** {@code F20-F29}: every code whose leading characters, as many as the bounds have, lie between them. */
        record Range(CodeSystem system, String from, String to) implements Member {
            public Range {
                Objects.requireNonNull(system, "system");
                if (!system.hierarchical()) {
                    throw new IllegalArgumentException(system.label() + " codes have no order: list them one by one");
                }
                if (!system.wellFormed(from) || !system.wellFormed(to)) {
                    throw new IllegalArgumentException(from + "-" + to + " is not a range of " + system.label() + " codes");
                }
                if (from.length() != to.length() || from.compareTo(to) > 0) {
                    throw new IllegalArgumentException("a range runs from a lower to a higher code of the same length: "
                            + from + "-" + to);
                }
            }

            @Override
            public boolean contains(Coding coding) {
                if (coding.system() != system || coding.code().length() < from.length()) {
                    return false;
                }
                String lead = coding.code().substring(0, from.length());
                return lead.compareTo(from) >= 0 && lead.compareTo(to) <= 0;
            }

            @Override
            public String toString() {
                return from + "-" + to;
            }
        }
    }

    private final String name;
    private final int version;
    private final Set<String> words;
    private final List<Member> members;
    private final String cite;
    /** The library it was imported from; empty when the protocol declares it. */
    private final ValueSetLibrary.Ref library;
    /** Each system's listed codes (a hierarchical code stands for what lies under it too), and the ranges. */
    private final java.util.Map<CodeSystem, Set<String>> codes = new java.util.EnumMap<>(CodeSystem.class);
    private final List<Member.Range> ranges = new java.util.ArrayList<>();

    /**
     * @param cite the public source of its codes (the code system's release, a published value set)
     */
    public ValueSet(String name, int version, Set<String> words, List<Member> members, String cite) {
        this(name, version, words, members, cite, null);
    }

    private ValueSet(String name, int version, Set<String> words, List<Member> members, String cite, ValueSetLibrary.Ref library) {
        this.library = library;
        this.name = Objects.requireNonNull(name, "name");
        if (version < 1) {
            throw new IllegalArgumentException("a value set's version starts at 1");
        }
        this.version = version;
        this.words = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(words));
        this.members = List.copyOf(members);
        this.cite = cite;
        if (this.words.isEmpty() && this.members.isEmpty()) {
            throw new IllegalArgumentException("value set " + name + " is empty");
        }
        for (Member member : this.members) {
            // Member is sealed: a code or a range (a new kind fails the cast here, never passes unindexed)
            if (member instanceof Member.Code c) {
                codes.computeIfAbsent(c.system(), s -> new java.util.HashSet<>()).add(c.coding().code());
            } else {
                ranges.add((Member.Range) member);
            }
        }
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public Set<String> words() {
        return words;
    }

    public List<Member> members() {
        return members;
    }

    public String cite() {
        return cite;
    }

    /** The library a protocol imported it from; empty when the protocol declares it itself. */
    public Optional<ValueSetLibrary.Ref> library() {
        return Optional.ofNullable(library);
    }

    /** The same set, as imported from a library. */
    ValueSet importedFrom(ValueSetLibrary.Ref from) {
        return new ValueSet(name, version, words, members, cite, Objects.requireNonNull(from, "library"));
    }

    /** Whether a value of the client's record (a word, or a code as a token) is in the set, and how. */
    public Optional<String> match(String value) {
        if (!Coding.isToken(value)) {
            return words.contains(value) ? Optional.of(value) : Optional.empty();
        }
        return Coding.fromToken(value).filter(this::contains).map(Coding::toString);
    }

    public boolean contains(Coding coding) {
        Set<String> listed = codes.getOrDefault(coding.system(), Set.of());
        String code = coding.code();
        if (coding.system().hierarchical()) {
            for (int length = 1; length <= code.length(); length++) {
                if (listed.contains(code.substring(0, length))) {
                    return true;
                }
            }
        } else if (listed.contains(code)) {
            return true;
        }
        return ranges.stream().anyMatch(r -> r.contains(coding));
    }

    /** {@code psychotic_disorders v1}: how findings and answers name the set. */
    public String label() {
        return name + " v" + version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueSet v && v.name.equals(name) && v.version == version && v.words.equals(words)
                && v.members.equals(members) && Objects.equals(v.cite, cite) && Objects.equals(v.library, library);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, words, members, cite, library);
    }

    @Override
    public String toString() {
        return label();
    }
}
