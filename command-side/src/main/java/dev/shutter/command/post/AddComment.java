package dev.shutter.command.post;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param mentionedUserIds the users the comment mentions, already resolved from their usernames */
record AddComment(
        @TargetAggregateIdentifier String postId,
        String commentId,
        String authorId,
        String text,
        List<String> mentionedUserIds,
        Instant at) {}
