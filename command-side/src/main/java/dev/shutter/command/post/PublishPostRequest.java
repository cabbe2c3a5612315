package dev.shutter.command.post;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

record PublishPostRequest(
        @Size(max = 2200) String caption,
        @NotNull @Size(min = 1, max = 10) @DistinctElements List<@NotBlank @Size(max = 64) String> mediaIds) {

    String captionOrEmpty() {
        return caption == null ? "" : caption;
    }
}
