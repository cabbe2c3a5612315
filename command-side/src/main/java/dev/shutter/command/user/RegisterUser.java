package dev.shutter.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record RegisterUser(
        @TargetAggregateIdentifier String userId,
        String username,
        String email,
        String displayName,
        Instant registeredAt) {}
