package dev.shutter.media.upload;

import dev.shutter.events.media.MediaRejected;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A direct upload: the object the app PUTs to through a presigned URL, waiting to be completed.
 * Its id becomes the media id. {@code rejection} is set when the bytes were refused, together
 * with its {@link MediaRejected} in the upload's outbox ({@code published} true); only rejections
 * from before the outbox existed can have it false.
 */
@Document("uploads")
record UploadDocument(
        @Id String id,
        String ownerId,
        String objectKey,
        String state,
        Instant createdAt,
        Instant expiresAt,
        Rejection rejection) {

    static final String PENDING = "PENDING";
    static final String PROCESSING = "PROCESSING";
    static final String COMPLETED = "COMPLETED";
    static final String REJECTED = "REJECTED";
    static final String EXPIRED = "EXPIRED";

    /** The answer the upload got, kept so that completing it again gets the same one. */
    record Rejection(int status, String code, String detail, String eventId, Instant at, boolean published) {}

    boolean expiredAt(Instant now) {
        return EXPIRED.equals(state)
                || ((PENDING.equals(state) || PROCESSING.equals(state)) && !now.isBefore(expiresAt));
    }

    UploadDocument rejectedWith(Rejection rejection) {
        return new UploadDocument(id, ownerId, objectKey, REJECTED, createdAt, expiresAt, rejection);
    }

    MediaRejected toRejectedEvent() {
        return new MediaRejected(id, ownerId, rejection.code(), rejection.at());
    }
}
