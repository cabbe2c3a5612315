package dev.shutter.command.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteComment(@TargetAggregateIdentifier String postId, String commentId, String requesterId) {}
