package org.kap.dsl.cli;

import org.kap.dsl.CompileResult;
import org.kap.dsl.Diagnostic;
import org.kap.dsl.ProtocolCompiler;
import org.kap.dsl.ProtocolExplainer;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolMeaning;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The protocol designer's command line, run by {@code ./kap check} and {@code ./kap explain}.
 * Exit codes: 0 no errors (warnings may be printed), 1 errors found, 2 usage or I/O error.
 */
public final class KapCommand {

    public static final int CLEAN = 0;
    public static final int ERRORS = 1;
    public static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: kap check FILE...    check protocol and library files; prints file:line:col: error|warning: message
                   kap explain FILE     print what the engine understood from a protocol or library file
                   kap diff OLD NEW     print what changed in meaning between two protocol files: each rule, value
                                        set and the header added, removed or changed, with the old and new meaning
                   (a protocol's imports are found beside it, or in a libraries directory beside it)
            exit:  0 no errors, 1 errors found, 2 usage or I/O error""";

    private final PrintStream out;
    private final PrintStream err;

    public KapCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new KapCommand(System.out, System.err).run(args));
    }

    public int run(String... args) {
        if (args.length < 2) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        List<String> files = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "check" -> check(files);
            case "explain" -> files.size() == 1 ? explain(files.get(0)) : usage("explain takes one file");
            case "diff" -> files.size() == 2 ? diff(files.get(0), files.get(1)) : usage("diff takes two files");
            default -> usage("unknown command '" + args[0] + "'");
        };
    }

    private int usage(String problem) {
        err.println("kap: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private int check(List<String> files) {
        int worst = CLEAN;
        for (String file : files) {
            CompileResult result;
            try {
                result = compile(file);
            } catch (IOException e) {
                err.println(file + ": cannot read: " + reason(e));
                worst = USAGE;
                continue;
            }
            result.diagnostics().forEach(out::println);
            if (result.hasErrors() && worst == CLEAN) {
                worst = ERRORS;
            }
        }
        return worst;
    }

    private int explain(String file) {
        try {
            CompileResult result = compile(file);
            result.diagnostics().forEach(d -> err.println(d));
            if (result.hasErrors()) {
                return ERRORS;
            }
            if (result.library() != null) {
                out.print(ProtocolExplainer.explain(result.library()));
                return CLEAN;
            }
            out.print(ProtocolExplainer.explain(result.protocol()));
            return CLEAN;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + reason(e));
            return USAGE;
        }
    }

    private int diff(String older, String newer) {
        Protocol[] both = new Protocol[2];
        String[] files = {older, newer};
        for (int i = 0; i < 2; i++) {
            try {
                CompileResult result = compile(files[i]);
                result.errors().forEach(err::println);
                if (result.hasErrors() || result.protocol() == null) {
                    if (!result.hasErrors()) {
                        err.println(files[i] + ": a library, not a protocol; diff compares protocols");
                    }
                    return ERRORS;
                }
                both[i] = result.protocol();
            } catch (IOException e) {
                err.println(files[i] + ": cannot read: " + reason(e));
                return USAGE;
            }
        }
        List<ProtocolMeaning.Difference> differences = ProtocolMeaning.of(both[1]).since(ProtocolMeaning.of(both[0]));
        out.println(both[0].ref() + " -> " + both[1].ref() + ": " + (differences.isEmpty() ? "no difference in meaning"
                : differences.size() + " difference(s) in meaning"));
        for (ProtocolMeaning.Difference d : differences) {
            out.println(d.entry() + " " + d.change());
            if (d.before() != null) {
                out.println("  - " + d.before());
            }
            if (d.after() != null) {
                out.println("  + " + d.after());
            }
        }
        return CLEAN;
    }

    /** Why a file could not be read, in words: a missing file's exception message is only its own path. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Reads the file as UTF-8; bytes that are not text are a finding on the file, not a crash. */
    static CompileResult compile(String file) throws IOException {
        Path path = Path.of(file);
        long size = Files.size(path);
        if (size > ProtocolCompiler.MAX_CHARACTERS * 4L) {
            // not read at all: no UTF-8 text this long can be within the character limit
            return failed(file, "the file has " + size + " bytes; a protocol has at most "
                    + ProtocolCompiler.MAX_CHARACTERS + " characters. Is this the right file?");
        }
        byte[] bytes = Files.readAllBytes(path);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return ProtocolCompiler.compile(file, text, FileLibraries.beside(path));
        } catch (CharacterCodingException notText) {
            return failed(file, "the file is not UTF-8 text; a protocol is a text file");
        }
    }

    private static CompileResult failed(String file, String message) {
        return new CompileResult(List.of(new Diagnostic(file, 1, 1, Diagnostic.Severity.ERROR, message)), null);
    }
}
