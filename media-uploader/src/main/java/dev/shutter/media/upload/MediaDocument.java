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
 * is recorded so that every publication of it is the same event; {@code published} is true once
 * that event is in the document's outbox (recorded with the photo itself), from which the platform's
 * relay publishes it; only photos recorded before the outbox existed can have it false.
 * {@code postIds} are the posts that show the photo;
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
     * Why and when the photo is being deleted; {@code published} turns true when the deletion is
     * finished: the objects are gone and its {@link MediaDeleted} is in the outbox.
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
                true,
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
}
