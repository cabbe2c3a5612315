package dev.shutter.command.post;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeletePost(@TargetAggregateIdentifier String postId, String requesterId, Instant at) {}
