package org.kap.api.audit;

import org.kap.api.KapProperties;
import org.kap.core.audit.EngineKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The engine's signing keys, read at start from {@code kap.signing.key-dir}, a directory outside the database:
 * every {@code <id>.pub} there is trusted for verification, and the engine signs with the one key that also has
 * its {@code <id>.key} (or the one {@code kap.signing.key-id} names). Rotation: add a new key ({@code ./kap keygen
 * DIR}), name it in {@code kap.signing.key-id}, restart; keep the old {@code .pub} so what it signed still
 * verifies (its {@code .key} may then be deleted). On the embedded default a key is created on first start.
 */
@Component
public class EngineKeys {

    private static final Logger LOG = LoggerFactory.getLogger(EngineKeys.class);

    private final EngineKey signing;
    private final List<EngineKey> trusted;
    private final Path dir;

    public EngineKeys(KapProperties properties) {
        KapProperties.Signing settings = properties.signing();
        this.dir = settings.keyDir() != null ? settings.keyDir()
                : (properties.dataDir() == null ? Path.of("data") : properties.dataDir()).resolve("keys");
        List<EngineKey> keys = read(dir);
        if (keys.stream().noneMatch(EngineKey::canSign) && settings.keyId() == null && settings.createIfMissing()) {
            EngineKey created = write(dir, EngineKey.generate());
            LOG.info("created signing key {} in {}: copy {}.pub to where auditors keep trusted keys", created.id(), dir, created.id());
            keys = read(dir);
        }
        List<EngineKey> signers = keys.stream().filter(EngineKey::canSign)
                .filter(k -> settings.keyId() == null || k.id().equals(settings.keyId())).toList();
        if (signers.size() != 1) {
            throw new IllegalStateException(signers.isEmpty()
                    ? "no signing key " + (settings.keyId() == null ? "" : settings.keyId() + " ") + "in " + dir.toAbsolutePath()
                      + ": create one with ./kap keygen " + dir + " (kap.signing.key-dir names the directory)"
                    : "several signing keys in " + dir.toAbsolutePath() + " (" + signers.stream().map(EngineKey::id).toList()
                      + "): name the one to sign with in kap.signing.key-id");
        }
        this.signing = signers.get(0);
        this.trusted = keys.stream().map(k -> new EngineKey(k.id(), k.pub(), java.util.Optional.empty())).toList();
    }

    /** The key new checkpoints and publications are signed with. */
    public EngineKey signing() {
        return signing;
    }

    /** Every key whose signatures this engine accepts (public parts only). */
    public List<EngineKey> trusted() {
        return trusted;
    }

    /** Writes a new key pair into {@code dir} (created if needed), the private part readable by its owner only. */
    public static EngineKey write(Path dir, EngineKey key) {
        try {
            Files.createDirectories(dir);
            Path secret = dir.resolve(key.id() + ".key");
            // readable by its owner only from the moment it exists, never after a window
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(secret);
            }
            Files.writeString(secret, key.privatePem(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            Files.writeString(dir.resolve(key.id() + ".pub"), key.publicPem(), StandardCharsets.US_ASCII);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a signing key into " + dir, e);
        }
    }

    /** The keys in {@code dir}: each {@code .pub}, with its private part when its {@code .key} is there. */
    static List<EngineKey> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<EngineKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path pub : files.filter(f -> f.getFileName().toString().endsWith(".pub")).sorted(Comparator.naturalOrder()).toList()) {
                String name = pub.getFileName().toString();
                Path secret = dir.resolve(name.substring(0, name.length() - ".pub".length()) + ".key");
                String publicPem = Files.readString(pub, StandardCharsets.US_ASCII);
                EngineKey key = Files.exists(secret) ? EngineKey.fromPem(publicPem, Files.readString(secret, StandardCharsets.US_ASCII))
                        : EngineKey.fromPublicPem(publicPem);
                if (!name.equals(key.id() + ".pub")) {
                    throw new IllegalStateException(pub + " holds key " + key.id() + ": a key file is named by its key's id");
                }
                keys.add(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing keys in " + dir, e);
        }
        return keys;
    }
}
