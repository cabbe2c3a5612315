package dev.shutter.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record RegisterDevice(@TargetAggregateIdentifier String userId, String token, String platform) {}
