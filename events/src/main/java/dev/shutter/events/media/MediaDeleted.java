package dev.shutter.events.media;

import java.time.Instant;

/**
 * A photo's original and variants were removed from object storage, because the post that used
 * it was deleted. Published by media-uploader; the media id can no longer be used in a post.
 */
public record MediaDeleted(String mediaId, String ownerId, Instant deletedAt) {}
