package dev.shutter.media.upload;

import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaStored;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A stored photo. {@code eventId} is the id of its {@link MediaStored} event, fixed when the photo
 * is recorded so that a publication repeated after a failure is the same event; {@code published}
 * turns true once the broker confirmed it. {@code postIds} are the posts that show the photo;
 * {@code deletion} is set when the last of them was deleted, before the objects are removed.
 * {@code avatar} is true while the photo is its uploader's avatar: then it is kept even when the
 * last post showing it is deleted.
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
        boolean published,
        List<String> postIds,
        Deletion deletion,
        boolean avatar) {

    static final String READY = "READY";
    static final String DELETED = "DELETED";

    /**
     * Why and when the photo is being deleted; {@code published} turns true once the broker
     * confirmed its {@link MediaDeleted}.
     */
    record Deletion(String postId, Instant at, boolean published) {}

    MediaDocument {
        postIds = postIds == null ? List.of() : List.copyOf(postIds);
    }

    static MediaDocument stored(
            String id, String ownerId, String contentType, int width, int height, ObjectKeys keys, Instant at) {
        return new MediaDocument(
                id,
                ownerId,
                READY,
                contentType,
                width,
                height,
                keys,
                at,
                UUID.randomUUID().toString(),
                false,
                List.of(),
                null,
                false);
    }

    boolean ready() {
        return READY.equals(status);
    }

    MediaStored toEvent() {
        return new MediaStored(id, ownerId, contentType, width, height, createdAt);
    }

    MediaDeleted toDeletedEvent() {
        return new MediaDeleted(id, ownerId, deletion.at());
    }

    /** A photo is deleted once: its {@link MediaDeleted} has an id derived from its own. */
    String deletedEventId() {
        return UUID.nameUUIDFromBytes(("MediaDeleted:" + id).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    MediaDocument asPublished() {
        return new MediaDocument(
                id,
                ownerId,
                status,
                contentType,
                width,
                height,
                objectKeys,
                createdAt,
                eventId,
                true,
                postIds,
                deletion,
                avatar);
    }
}
