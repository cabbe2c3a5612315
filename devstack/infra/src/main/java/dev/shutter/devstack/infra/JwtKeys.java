package dev.shutter.devstack.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;

/** An RSA key pair in the PEM files the services read, and RS256 tokens signed with it. */
public final class JwtKeys {

    static final String ISSUER = "shutter";
    private static final String PRIVATE_KEY_FILE = "private.pem";
    private static final String PUBLIC_KEY_FILE = "public.pem";
    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";
    static final Duration EXPIRED_TOKEN_AGE = Duration.ofMinutes(15);

    private final RSAPublicKey publicKey;
    private final RSAPrivateKey privateKey;
    private volatile Path dir;

    private JwtKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey, Path dir) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.dir = dir;
    }

    /** A new RSA 2048 key pair, not yet written anywhere. */
    public static JwtKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new JwtKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate(), null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM cannot generate RSA keys", e);
        }
    }

    /** The key pair in {@code dir/private.pem} and {@code dir/public.pem}; generated and written there when missing. */
    public static JwtKeys loadOrCreate(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            JwtKeys keys = generate();
            keys.writeTo(dir);
            return keys;
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var privateKey =
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateFile, PRIVATE_LABEL)));
            var publicKey =
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(readPem(publicFile, PUBLIC_LABEL)));
            return new JwtKeys(publicKey, privateKey, dir);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The RSA keys in " + dir + " cannot be read", e);
        }
    }

    /** Writes {@code private.pem} (PKCS#8) and {@code public.pem} (X.509) into the directory and returns it. */
    public Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(PRIVATE_KEY_FILE), pem(PRIVATE_LABEL, privateKey.getEncoded()));
            Files.writeString(dir.resolve(PUBLIC_KEY_FILE), pem(PUBLIC_LABEL, publicKey.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the RSA keys to " + dir, e);
        }
        this.dir = dir;
        return dir;
    }

    public Path publicKeyFile() {
        return writtenDir().resolve(PUBLIC_KEY_FILE);
    }

    public Path privateKeyFile() {
        return writtenDir().resolve(PRIVATE_KEY_FILE);
    }

    /**
     * A signed token shaped like the ones command-side issues, valid for {@code ttl} from now. A negative {@code ttl}
     * gives a token that expired that long ago (and was issued 15 minutes before it expired); Spring
     * Security allows 60 s of clock skew, so use e.g. {@code Duration.ofMinutes(-5)} to get one it rejects.
     */
    public String token(String subject, String username, Set<String> scopes, Duration ttl) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(ttl);
        Instant issuedAt = ttl.isNegative() ? expiresAt.minus(EXPIRED_TOKEN_AGE) : now;
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .claim("preferred_username", username)
                .claim("scope", String.join(" ", new TreeSet<>(scopes)))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    RSAPublicKey publicKey() {
        return publicKey;
    }

    private Path writtenDir() {
        Path written = dir;
        if (written == null) {
            throw new IllegalStateException("The keys have not been written yet: call writeTo(dir) first");
        }
        return written;
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] readPem(Path file, String label) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            String begin = "-----BEGIN " + label + "-----";
            String end = "-----END " + label + "-----";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalStateException(file + " is not a PEM file with a " + label);
            }
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
