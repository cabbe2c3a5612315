package dev.shutter.events.media;

import java.time.Instant;

/**
 * A photo passed validation and its original and variants are in object storage. Published by
 * media-uploader; the command side learns from it which media ids exist and who owns them.
 */
public record MediaStored(
        String mediaId, String ownerId, String contentType, int width, int height, Instant storedAt) {}
