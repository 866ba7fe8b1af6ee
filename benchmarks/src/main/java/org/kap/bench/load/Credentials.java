package org.kap.bench.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * How the harness signs in to the engine: HTTP Basic with the demo users (the README's default), or bearer tokens
 * under the engine's jwt profile, signed by a key the harness makes for the run (the engine is given its public half,
 * as it would be given an identity provider's).
 */
sealed interface Credentials {

    /** The Authorization header for a user of the demo set (clinician, auditor, ...). */
    String authorization(String user);

    record Basic() implements Credentials {
        @Override
        public String authorization(String user) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8));
        }
    }

    record Bearer(KeyPair keys) implements Credentials {

        static Bearer fresh() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return new Bearer(generator.generateKeyPair());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The public key as the engine's spring.security.oauth2.resourceserver.jwt.public-key-location reads it. */
        Path writePublicKey(Path dir) throws IOException {
            Path pem = dir.resolve("bench-jwt.pub");
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            return pem;
        }

        /** A token for the user in the role of the same name, valid for the run (two hours). */
        @Override
        public String authorization(String user) {
            try {
                Instant now = Instant.now();
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                        .subject(user).claim("name", user).claim("roles", List.of(user))
                        .claim("auth_time", now.getEpochSecond())
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(7200))).build());
                jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
                return "Bearer " + jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
