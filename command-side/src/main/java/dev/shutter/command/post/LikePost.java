package dev.shutter.command.post;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record LikePost(@TargetAggregateIdentifier String postId, String userId, Instant at) {}
