package dev.shutter.command.user;

/** What a person chooses when signing up. */
public record NewAccount(String username, String email, String password, String displayName) {}
