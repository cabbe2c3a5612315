package dev.shutter.command.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.shutter.command.user.Account;
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
    private final SignIns signIns;
    private final Map<String, Object> publicKeys;

    TokenController(Credentials credentials, AccessTokens accessTokens, SignIns signIns, RSAKey signingKey) {
        this.credentials = credentials;
        this.accessTokens = accessTokens;
        this.signIns = signIns;
        this.publicKeys = new JWKSet(signingKey.toPublicJWK()).toJSONObject();
    }

    @PostMapping("/api/auth/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        Account account =
                credentials.verify(request.login(), request.password()).orElseThrow(BadCredentialsException::new);
        TokenResponse token = accessTokens.issueFor(account);
        signIns.record(account);
        return token;
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return publicKeys;
    }
}
