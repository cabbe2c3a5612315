package dev.shutter.events.media;

import java.time.Instant;

/**
 * An upload that reached object storage failed validation or processing (a direct upload whose
 * bytes are not a supported image, too many pixels, a corrupt file). Published by
 * media-uploader; the media id can never be used in a post. {@code reason} is the stable error
 * code the uploader answered with, such as {@code UNSUPPORTED_MEDIA_TYPE}.
 */
public record MediaRejected(String mediaId, String ownerId, String reason, Instant rejectedAt) {}
