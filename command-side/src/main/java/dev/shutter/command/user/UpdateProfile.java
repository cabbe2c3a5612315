package dev.shutter.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record UpdateProfile(@TargetAggregateIdentifier String userId, String displayName, String bio, String avatarMediaId) {}
