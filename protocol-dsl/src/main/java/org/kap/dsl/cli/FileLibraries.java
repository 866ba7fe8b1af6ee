package org.kap.dsl.cli;

import org.kap.core.terminology.ValueSetLibrary;
import org.kap.dsl.CompileResult;
import org.kap.dsl.Libraries;
import org.kap.dsl.ProtocolCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The libraries {@code ./kap check} and {@code ./kap explain} use for a protocol file: the library files ({@code .kap},
 * starting {@code library "ID" version N}) in the protocol's own directory and in a {@code libraries} directory beside
 * it, as the repository keeps them ({@code protocols/libraries/}).
 */
public final class FileLibraries implements Libraries {

    private final List<Path> directories;

    private FileLibraries(List<Path> directories) {
        this.directories = directories;
    }

    /** The library files in these directories. */
    public static FileLibraries in(Path... directories) {
        return new FileLibraries(List.of(directories));
    }

    /** The libraries beside a protocol file. */
    public static FileLibraries beside(Path protocolFile) {
        Path dir = protocolFile.toAbsolutePath().getParent();
        return new FileLibraries(List.of(dir, dir.resolve("libraries")));
    }

    @Override
    public Optional<ValueSetLibrary> find(String id, int version) {
        for (Path file : candidates()) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException | java.io.UncheckedIOException unreadable) {
                continue;
            }
            var header = ProtocolCompiler.header(text);
            if (header.isEmpty() || !header.get().library() || !header.get().id().equals(id) || header.get().version() != version) {
                continue;
            }
            CompileResult library;
            try {
                library = KapCommand.compile(file.toString());
            } catch (IOException unreadable) {
                throw new Unavailable(file + " cannot be read");
            }
            if (library.hasErrors()) {
                throw new Unavailable(file + " has errors; first: " + library.errors().get(0));
            }
            return Optional.ofNullable(library.library());
        }
        return Optional.empty();
    }

    @Override
    public String where() {
        return "looked in " + String.join(" and ", directories.stream().map(Path::toString).toList());
    }

    private List<Path> candidates() {
        List<Path> files = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> listed = Files.list(dir)) {
                listed.filter(p -> p.toString().endsWith(".kap") && Files.isRegularFile(p)).sorted().forEach(files::add);
            } catch (IOException unreadable) {
                // a directory that cannot be listed holds no library we can use; where() names it
            }
        }
        return files;
    }
}
