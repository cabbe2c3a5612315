package dev.shutter.command;

/**
 * What travels in a {@code CommandExecutionException}'s details when a handler rejected a command,
 * so the rule that was broken survives a command bus that does not keep exception types.
 */
public record DomainErrorDetails(ErrorCode code, String message) {}
