package dev.shutter.command.post;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The photos in the order the carousel shows them, and an optional caption. */
record PublishPostRequest(
        @WithinLimit(WithinLimit.Limit.CAPTION) String caption,
        @NotNull @WithinLimit(WithinLimit.Limit.MEDIA) @DistinctElements
                List<@NotBlank @Size(max = 64) String> mediaIds) {

    String captionOrEmpty() {
        return caption == null ? "" : caption;
    }
}
