package dev.shutter.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveDevice(@TargetAggregateIdentifier String userId, String token) {}
