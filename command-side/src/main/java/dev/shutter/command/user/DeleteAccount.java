package dev.shutter.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the account: the last event of the User aggregate, after which it accepts no command. */
public record DeleteAccount(@TargetAggregateIdentifier String userId, Instant deletedAt) {}
