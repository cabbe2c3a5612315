package dev.shutter.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives the account a new username; the accounts table has already reserved it. */
record ChangeUsername(@TargetAggregateIdentifier String userId, String username, Instant changedAt) {}
