package dev.shutter.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record RemoveDevice(@TargetAggregateIdentifier String userId, String token) {}
