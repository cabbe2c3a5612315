package dev.shutter.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Selects the RS256 keys of the JWK set that may have signed a token, like Nimbus' {@code JWSVerificationKeySelector},
 * but turns each key of the set into a Java public key once rather than for every token: decoding a key's modulus
 * from the set cost more than checking the signature.
 */
final class ConvertedKeySelector implements JWSKeySelector<SecurityContext> {

    /** Keys of the current and previous sets; more than this many means old sets are gone, so start over. */
    private static final int REMEMBERED_KEYS = 32;

    private final JWKSource<SecurityContext> keys;
    private final Map<JWK, Key> converted = new ConcurrentHashMap<>();

    ConvertedKeySelector(JWKSource<SecurityContext> keys) {
        this.keys = keys;
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            return List.of();
        }
        List<JWK> candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context);
        List<Key> selected = new ArrayList<>(candidates.size());
        for (JWK candidate : candidates) {
            if (candidate.getKeyType() == KeyType.RSA) {
                selected.add(publicKey(candidate.toRSAKey()));
            }
        }
        return selected;
    }

    private Key publicKey(RSAKey jwk) throws KeySourceException {
        Key known = converted.get(jwk);
        if (known != null) {
            return known;
        }
        try {
            Key key = jwk.toRSAPublicKey();
            if (converted.size() >= REMEMBERED_KEYS) {
                converted.clear();
            }
            converted.put(jwk, key);
            return key;
        } catch (JOSEException malformed) {
            throw new KeySourceException("Unusable key " + jwk.getKeyID() + " in the JWK set", malformed);
        }
    }
}
