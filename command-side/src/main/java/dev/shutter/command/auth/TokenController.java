package dev.shutter.command.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.shutter.command.user.Credentials;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TokenController {

    private final Credentials credentials;
    private final AccessTokens accessTokens;
    private final Map<String, Object> publicKeys;

    TokenController(Credentials credentials, AccessTokens accessTokens, RSAKey signingKey) {
        this.credentials = credentials;
        this.accessTokens = accessTokens;
        this.publicKeys = new JWKSet(signingKey.toPublicJWK()).toJSONObject();
    }

    @PostMapping("/api/auth/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        return credentials
                .verify(request.login(), request.password())
                .map(accessTokens::issueFor)
                .orElseThrow(BadCredentialsException::new);
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return publicKeys;
    }
}
