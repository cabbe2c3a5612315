package dev.shutter.command.user;

/** A row of {@code accounts}: who may log in, under which names, with which scopes. */
public record Account(String userId, String username, String email, String passwordHash, String scopes) {}
