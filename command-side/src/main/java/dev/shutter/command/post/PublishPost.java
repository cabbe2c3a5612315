package dev.shutter.command.post;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record PublishPost(
        @TargetAggregateIdentifier String postId, String authorId, String caption, List<String> mediaIds, Instant at) {}
