package dev.shutter.command.auth;

/** A session's tokens: the access token (bearer, {@code expiresIn} seconds) and the refresh token that renews it. */
record TokenResponse(
        String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {}
