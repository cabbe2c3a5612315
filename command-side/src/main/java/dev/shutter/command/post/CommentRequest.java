package dev.shutter.command.post;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record CommentRequest(@NotBlank @Size(max = 2200) String text) {}
