package dev.shutter.command.post;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record AddComment(
        @TargetAggregateIdentifier String postId, String commentId, String authorId, String text, Instant at) {}
