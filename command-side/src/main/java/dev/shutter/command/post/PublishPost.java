package dev.shutter.command.post;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param mentionedUserIds the users the caption mentions, already resolved from their usernames */
record PublishPost(
        @TargetAggregateIdentifier String postId,
        String authorId,
        String caption,
        List<String> mediaIds,
        List<String> mentionedUserIds,
        Instant at) {}
