package dev.shutter.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the user obtained a session with their password, so the read side knows who is active. */
public record RecordSignIn(@TargetAggregateIdentifier String userId, Instant signedInAt) {}
