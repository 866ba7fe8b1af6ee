package org.kap.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An engine signing key: Ed25519 (RFC 8032). Keys are the Java runtime's own (generated, encoded and decoded by its
 * provider); signing and verifying use Bouncy Castle's RFC 8032 arithmetic, about ten times faster than the runtime's
 * and, Ed25519 being deterministic, the very same signatures (EngineKeyTest compares them). Its id is derived from the
 * public key (the first 16 hex digits of the SHA-256 of its X.509 encoding), so a key id cannot be claimed
 * for another key. The private part is present only where the engine signs; verifiers hold public keys.
 * Keys are kept as PEM text: {@code PRIVATE KEY} (PKCS#8) and {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo),
 * which OpenSSL reads ({@code openssl pkey -pubin -in engine.pub -text}).
 *
 * @param id      derived from the public key
 * @param pub     the public key
 * @param secret  the private key, empty for a verifying-only key
 */
public record EngineKey(String id, PublicKey pub, Optional<PrivateKey> secret) {

    private static final String ALGORITHM = "Ed25519";

    public EngineKey {
        if (!id.equals(idOf(pub))) {
            throw new IllegalArgumentException("key id " + id + " is not the id of its public key (" + idOf(pub) + ")");
        }
        // signing takes the public key as given (deriving it again would double the cost), so it must be the private
        // key's own: two signatures of one content under two public keys would give the private key away
        secret.ifPresent(key -> {
            byte[] seed = seed(key, id);
            byte[] derived = new byte[Ed25519.PUBLIC_KEY_SIZE];
            Ed25519.generatePublicKey(seed, 0, derived, 0);
            java.util.Arrays.fill(seed, (byte) 0);
            if (!java.security.MessageDigest.isEqual(derived, raw(pub))) {
                throw new IllegalArgumentException("the private key does not belong to public key " + id);
            }
        });
    }

    /** A new key pair. */
    public static EngineKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new EngineKey(idOf(pair.getPublic()), pair.getPublic(), Optional.of(pair.getPrivate()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime", e);
        }
    }

    /** A verifying key from its PEM text. */
    public static EngineKey fromPublicPem(String pem) {
        try {
            PublicKey pub = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
            return new EngineKey(idOf(pub), pub, Optional.empty());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    /** A signing key from the PEM texts of its two parts; they must belong together. */
    public static EngineKey fromPem(String publicPem, String privatePem) {
        EngineKey verifying = fromPublicPem(publicPem);
        try {
            PrivateKey secret = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(privatePem, "PRIVATE KEY")));
            // the constructor refuses a private key that is not the public key's own
            return new EngineKey(verifying.id(), verifying.pub(), Optional.of(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key in PEM: " + e.getMessage(), e);
        }
    }

    public String publicPem() {
        return pem("PUBLIC KEY", pub.getEncoded());
    }

    public String privatePem() {
        return pem("PRIVATE KEY", secret.orElseThrow(() -> new IllegalStateException("key " + id + " has no private part")).getEncoded());
    }

    public boolean canSign() {
        return secret.isPresent();
    }

    /** The signature of {@code content}, base64. */
    public String sign(byte[] content) {
        PrivateKey key = secret.orElseThrow(() -> new IllegalStateException("key " + id + " cannot sign: no private part"));
        byte[] seed = seed(key, id);
        try {
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(seed, 0, raw(pub), 0, content, 0, content.length, signature, 0);
            return Base64.getEncoder().encodeToString(signature);
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }

    /** Whether {@code signature} (base64) is this key's signature of {@code content}; malformed signatures are not. */
    public boolean verifies(byte[] content, String signature) {
        try {
            byte[] bytes = Base64.getDecoder().decode(signature);
            return bytes.length == Ed25519.SIGNATURE_SIZE && Ed25519.verify(bytes, 0, raw(pub), 0, content, 0, content.length);
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException malformed) {
            return false;
        }
    }

    /** The 32-byte private seed (RFC 8032) of an Ed25519 private key, a copy the caller clears. */
    private static byte[] seed(PrivateKey key, String id) {
        if (!(key instanceof EdECPrivateKey edec)) {
            throw new IllegalArgumentException("key " + id + " is not an Ed25519 private key");
        }
        return edec.getBytes().orElseThrow(() -> new IllegalArgumentException("key " + id + " does not give its private bytes"));
    }

    /** The 32 bytes of the public key (RFC 8032's encoding): its X.509 SubjectPublicKeyInfo after the fixed Ed25519 prefix. */
    private static byte[] raw(PublicKey pub) {
        byte[] encoded = pub.getEncoded();
        if (encoded == null || encoded.length != X509_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                || !java.util.Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalStateException("not an Ed25519 public key in X.509 form");
        }
        return java.util.Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 (Ed25519) }, BIT STRING of 33 bytes (no unused bits, then the key) }. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private static String idOf(PublicKey pub) {
        return ChainHasher.sha256(pub.getEncoded()).substring(0, 16);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + begin + " ... " + end + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
