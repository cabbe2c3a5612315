package dev.shutter.command.post;

import jakarta.validation.constraints.NotBlank;

record CommentRequest(@NotBlank @WithinLimit(WithinLimit.Limit.COMMENT) String text) {}
