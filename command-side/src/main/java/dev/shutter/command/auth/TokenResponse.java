package dev.shutter.command.auth;

record TokenResponse(String accessToken, String tokenType, long expiresIn) {}
