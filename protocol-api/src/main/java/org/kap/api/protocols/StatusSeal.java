package org.kap.api.protocols;

import org.kap.core.audit.EngineKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * A lifecycle act's result, signed with an engine key when the act is recorded: the version's status, who made it so
 * and when. The catalog keeps the seal beside the status, and the engine decides under a version only with a status
 * its seal vouches for, so that a status changed where it is stored (a draft set active, a retirement undone by hand)
 * is not obeyed. A status no act changed is the one the sealed text was published with.
 */
public record StatusSeal(String protocolId, int version, String status, String by, String at, String keyId, String signature) {

    private static final String FORM = "kap-status-seal-v1";

    public byte[] content() {
        return content(protocolId, version, status, by, at, keyId);
    }

    private static byte[] content(String protocolId, int version, String status, String by, String at, String keyId) {
        // each field with its length first, as in a protocol's seal: no field can shift text into the next
        StringBuilder content = new StringBuilder(FORM).append('\n');
        for (Object field : Arrays.asList(protocolId, version, status, by, at, keyId)) {
            String value = String.valueOf(field);
            content.append(value.length()).append(':').append(value).append('\n');
        }
        return content.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static StatusSeal sign(String protocolId, int version, ProtocolLifecycle.Stage stage, String by, String at, EngineKey key) {
        return new StatusSeal(protocolId, version, stage.stored(), by, at, key.id(),
                key.sign(content(protocolId, version, stage.stored(), by, at, key.id())));
    }

    /** What is wrong with this seal under the trusted keys; empty when it holds. */
    public Optional<String> problemWith(Collection<EngineKey> keys) {
        String name = "protocol " + protocolId + " v" + version;
        Optional<EngineKey> key = keys.stream().filter(k -> k.id().equals(keyId)).findFirst();
        if (key.isEmpty()) {
            return Optional.of(name + ": its status is sealed by key " + keyId + ", which is not among the trusted keys");
        }
        if (!key.get().verifies(content(), signature)) {
            return Optional.of(name + ": its status '" + status + "' is not the one its lifecycle acts sealed (changed where it is stored)");
        }
        return Optional.empty();
    }
}
