package dev.shutter.command.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnlikePost(@TargetAggregateIdentifier String postId, String userId) {}
