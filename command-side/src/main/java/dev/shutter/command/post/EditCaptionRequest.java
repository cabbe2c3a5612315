package dev.shutter.command.post;

import jakarta.validation.constraints.NotNull;

record EditCaptionRequest(@NotNull @WithinLimit(WithinLimit.Limit.CAPTION) String caption) {}
