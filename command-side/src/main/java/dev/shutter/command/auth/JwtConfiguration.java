package dev.shutter.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JwtConfiguration.class);

    @Bean
    RSAKey signingKey(JwtProperties properties) throws IOException, NoSuchAlgorithmException {
        KeyPair keys = loadOrGenerate(properties);
        RSAKey unidentified = new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                .privateKey((RSAPrivateKey) keys.getPrivate())
                .build();
        try {
            return new RSAKey.Builder(unidentified)
                    .keyIDFromThumbprint()
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .build();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Cannot compute the key id of the signing key", e);
        }
    }

    @Bean
    JwtEncoder jwtEncoder(RSAKey signingKey) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));
    }

    @Bean
    JwtDecoder jwtDecoder(RSAKey signingKey, JwtProperties properties) throws JOSEException {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withPublicKey(signingKey.toRSAPublicKey()).build();
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer())));
        return decoder;
    }

    private static KeyPair loadOrGenerate(JwtProperties properties) throws IOException, NoSuchAlgorithmException {
        Resource privateKey = properties.privateKeyLocation();
        Resource publicKey = properties.publicKeyLocation();
        if (privateKey != null && publicKey != null) {
            try (InputStream pub = publicKey.getInputStream();
                    InputStream priv = privateKey.getInputStream()) {
                return new KeyPair(
                        RsaKeyConverters.x509().convert(pub),
                        RsaKeyConverters.pkcs8().convert(priv));
            }
        }
        if (privateKey != null || publicKey != null) {
            throw new IllegalStateException(
                    "Set both shutter.jwt.private-key-location and shutter.jwt.public-key-location, or neither");
        }
        log.warn("No JWT signing key configured: generated a key pair that lives as long as this process."
                + " Other services cannot validate its tokens unless they fetch /.well-known/jwks.json.");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
