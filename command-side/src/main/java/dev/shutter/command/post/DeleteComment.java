package dev.shutter.command.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record DeleteComment(@TargetAggregateIdentifier String postId, String commentId, String requesterId) {}
