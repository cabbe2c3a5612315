package dev.shutter.command.post;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record EditCaptionRequest(@NotNull @Size(max = 2200) String caption) {}
