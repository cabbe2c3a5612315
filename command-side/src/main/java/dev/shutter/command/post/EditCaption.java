package dev.shutter.command.post;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param mentionedUserIds the users the new caption mentions, already resolved from their usernames */
record EditCaption(
        @TargetAggregateIdentifier String postId,
        String editorId,
        String caption,
        List<String> mentionedUserIds,
        Instant at) {}
