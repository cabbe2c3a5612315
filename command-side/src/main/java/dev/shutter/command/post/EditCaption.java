package dev.shutter.command.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record EditCaption(@TargetAggregateIdentifier String postId, String editorId, String caption) {}
