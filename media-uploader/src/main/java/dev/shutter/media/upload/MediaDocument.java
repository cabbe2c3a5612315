package dev.shutter.media.upload;

import dev.shutter.events.media.MediaStored;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A stored photo. {@code eventId} is the id of its {@link MediaStored} event, fixed when the photo
 * is recorded so that a publication repeated after a failure is the same event; {@code published}
 * turns true once the broker confirmed it.
 */
@Document("media")
record MediaDocument(
        @Id String id,
        String ownerId,
        String status,
        String contentType,
        int width,
        int height,
        ObjectKeys objectKeys,
        Instant createdAt,
        String eventId,
        boolean published) {

    static final String READY = "READY";

    MediaStored toEvent() {
        return new MediaStored(id, ownerId, contentType, width, height, createdAt);
    }

    MediaDocument asPublished() {
        return new MediaDocument(id, ownerId, status, contentType, width, height, objectKeys, createdAt, eventId, true);
    }
}
