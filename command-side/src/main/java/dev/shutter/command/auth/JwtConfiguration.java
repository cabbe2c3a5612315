package dev.shutter.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The signing key and the public JWK set: the current key plus the previous public keys from configuration, each
 * named by its thumbprint ({@code kid}), so that tokens signed before a key rotation stay valid here and in every
 * service that reads {@code /.well-known/jwks.json}.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JwtConfiguration.class);

    @Bean
    RSAKey signingKey(JwtProperties properties) throws IOException, NoSuchAlgorithmException {
        KeyPair keys = loadOrGenerate(properties);
        return identified(new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                .privateKey((RSAPrivateKey) keys.getPrivate())
                .build());
    }

    /** What {@code /.well-known/jwks.json} publishes: public keys only, the signing key first. */
    @Bean
    PublicKeys publicKeys(RSAKey signingKey, JwtProperties properties) throws IOException {
        List<JWK> keys = new ArrayList<>();
        keys.add(signingKey.toPublicJWK());
        for (Resource location : properties.previousPublicKeyLocations()) {
            try (InputStream pem = location.getInputStream()) {
                RSAKey previous =
                        identified(new RSAKey.Builder(RsaKeyConverters.x509().convert(pem)).build());
                if (!previous.getKeyID().equals(signingKey.getKeyID())) {
                    keys.add(previous);
                }
            }
        }
        return new PublicKeys(new JWKSet(keys));
    }

    @Bean
    JwtEncoder jwtEncoder(RSAKey signingKey) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));
    }

    /**
     * The command side's own endpoints accept what the other services accept: any key of the public set. Other
     * checks of the command side's own (a deleted account's tokens, say) join the default ones.
     */
    @Bean
    JwtDecoder jwtDecoder(
            PublicKeys publicKeys, JwtProperties properties, List<OAuth2TokenValidator<Jwt>> ownValidators)
            throws JOSEException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(convertedOnce(publicKeys.set()));
        // Spring Security checks the claims (expiry, issuer) itself.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        validators.addAll(ownValidators);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /**
     * Selects the key a token names ({@code kid}; every key when it names none) among the public keys converted to
     * Java keys once: Nimbus' own selector converts the matching JWK again for every token. RS256 only.
     */
    private static JWSKeySelector<SecurityContext> convertedOnce(JWKSet publicKeys) throws JOSEException {
        Map<String, RSAPublicKey> byId = new LinkedHashMap<>();
        for (JWK key : publicKeys.getKeys()) {
            byId.put(key.getKeyID(), key.toRSAKey().toRSAPublicKey());
        }
        List<RSAPublicKey> all = List.copyOf(byId.values());
        return (header, context) -> {
            if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
                return List.of();
            }
            if (header.getKeyID() == null) {
                return all;
            }
            RSAPublicKey key = byId.get(header.getKeyID());
            return key == null ? List.of() : List.of(key);
        };
    }

    private static RSAKey identified(RSAKey key) {
        try {
            return new RSAKey.Builder(key)
                    .keyIDFromThumbprint()
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .build();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Cannot compute the key id of an RSA key", e);
        }
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

    /** The public JWK set, as a bean of its own type so that nobody mistakes it for a signing key. */
    record PublicKeys(JWKSet set) {

        Map<String, Object> json() {
            return set.toJSONObject(true);
        }
    }
}
