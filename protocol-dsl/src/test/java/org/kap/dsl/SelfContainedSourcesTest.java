package org.kap.dsl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository stands alone: a user has only it, so nothing in it (code, protocols, journeys, docs) cites a file
 * outside it. Clinical facts cite their public source or docs/clinical-sources.md, which lists those sources.
 */
class SelfContainedSourcesTest {

    /** Tests run with the module as working directory. */
    private static final Path ROOT = Path.of("..");
    private static final Set<String> SKIPPED = Set.of(".git", "target", "data", "node_modules", ".mvn", ".idea");
    /** Written in pieces, so that this file does not cite what it looks for. */
    private static final Pattern OUTSIDE = Pattern.compile(String.join("|",
            "\\.\\./" + "shared", "REFERENCE" + "\\.md", "DESIGN" + "\\.md", "\\bDESIGN" + "\\s*(§|section|s\\.|\\d)",
            "domain/" + "REFERENCE", "notes/" + "(STYLE|AXON)"));

    private static List<Path> textFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : ROOT.relativize(p)) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .forEach(files::add);
        }
        return files;
    }

    @Test
    void no_file_of_the_repository_cites_a_file_outside_it() throws IOException {
        List<Path> files = textFiles();
        assertThat(files).as("the repository's files").hasSizeGreaterThan(100);
        List<String> citations = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException binary) {
                continue;
            }
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    citations.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(citations).as("lines citing a file outside the repository").isEmpty();
    }

    @Test
    void the_sources_page_lists_every_source_the_example_protocols_name_most() throws IOException {
        String sources = Files.readString(ROOT.resolve("docs/clinical-sources.md"));
        for (String named : List.of("Spravato prescribing information", "Spravato REMS", "EU SmPC", "Ketalar", "Dunlop",
                "Dore et al. 2019", "Balance Health", "Hanya House", "Journey Clinical", "Psyon", "Bloom Health Institute",
                "Bakker et al. 2021", "MOAA/S", "PADSS", "Aldrete", "CTCAE", "ICD-10-CM", "ATC", "SNOMED CT", "21 CFR Part 11")) {
            assertThat(sources).as("docs/clinical-sources.md names " + named).contains(named);
        }
        assertThat(sources).as("it explains the protocol-choice and inference marks").contains("`protocol choice`").contains("`[I]`");
    }

    @Test
    void the_guard_sees_a_citation_of_an_outside_file() {
        assertThat(OUTSIDE.matcher("cite \"see " + "REFERENCE" + ".md section 4\"").find()).isTrue();
        assertThat(OUTSIDE.matcher("// as " + "DESIGN" + " §3 says").find()).isTrue();
        assertThat(OUTSIDE.matcher("cite \"Spravato PI section 4\"").find()).isFalse();
    }
}
