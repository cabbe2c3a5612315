package dev.shutter.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes the account private (following needs the owner's approval) or public. */
public record ChangePrivacy(@TargetAggregateIdentifier String userId, boolean privateAccount, Instant changedAt) {}
