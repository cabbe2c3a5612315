package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class JwtKeysIT {

    @Test
    void writesPemFilesThatSpringSecurityReads(@TempDir Path dir) throws Exception {
        JwtKeys keys = JwtKeys.generate();

        assertThat(keys.writeTo(dir)).isEqualTo(dir);

        assertThat(keys.privateKeyFile()).isEqualTo(dir.resolve("private.pem"));
        assertThat(keys.publicKeyFile()).isEqualTo(dir.resolve("public.pem"));
        assertThat(Files.readString(keys.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(keys.publicKeyFile())).startsWith("-----BEGIN PUBLIC KEY-----\n");
        RSAPublicKey publicKey = readPublic(keys.publicKeyFile());
        RSAPrivateKey privateKey = readPrivate(keys.privateKeyFile());
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
        assertThat(privateKey.getModulus()).isEqualTo(publicKey.getModulus());
        String token = keys.token("user-1", "ada", Set.of("user"), Duration.ofMinutes(1));
        assertThat(NimbusJwtDecoder.withPublicKey(publicKey)
                        .build()
                        .decode(token)
                        .getSubject())
                .isEqualTo("user-1");
    }

    @Test
    void loadOrCreateCreatesKeysOnceAndLoadsThemAfterwards(@TempDir Path dir) throws Exception {
        Path keyDir = dir.resolve("jwt");
        JwtKeys created = JwtKeys.loadOrCreate(keyDir);
        String publicPem = Files.readString(keyDir.resolve("public.pem"));

        JwtKeys loaded = JwtKeys.loadOrCreate(keyDir);

        assertThat(Files.readString(keyDir.resolve("public.pem"))).isEqualTo(publicPem);
        assertThat(loaded.publicKeyFile()).isEqualTo(keyDir.resolve("public.pem"));
        String token = loaded.token("user-2", "grace", Set.of("user"), Duration.ofMinutes(1));
        assertThat(NimbusJwtDecoder.withPublicKey(created.publicKey())
                        .build()
                        .decode(token)
                        .getClaimAsString("preferred_username"))
                .isEqualTo("grace");
    }

    private static RSAPublicKey readPublic(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return RsaKeyConverters.x509().convert(in);
        }
    }

    private static RSAPrivateKey readPrivate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return RsaKeyConverters.pkcs8().convert(in);
        }
    }
}
