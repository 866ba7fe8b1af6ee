package org.kap.api.audit;

import org.kap.core.audit.EngineKey;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code ./kap keygen DIR}: a new engine signing key in DIR ({@code <id>.key}, readable by its owner only, and
 * {@code <id>.pub}), for {@code kap.signing.key-dir}. Prints the key id to name in {@code kap.signing.key-id}.
 */
public final class KeyGenerator {

    private KeyGenerator() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    static int run(PrintStream out, String... args) {
        if (args.length != 1) {
            out.println("usage: kap keygen DIR    (writes <id>.key and <id>.pub into DIR, creating it)");
            return 2;
        }
        Path dir = Path.of(args[0]);
        EngineKey key = EngineKeys.write(dir, EngineKey.generate());
        out.println("signing key " + key.id() + " written to " + dir.resolve(key.id() + ".key") + " and " + dir.resolve(key.id() + ".pub"));
        out.println("give auditors " + key.id() + ".pub; sign with it: kap.signing.key-dir=" + dir + " kap.signing.key-id=" + key.id());
        return 0;
    }
}
