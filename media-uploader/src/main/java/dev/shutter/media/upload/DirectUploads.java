package dev.shutter.media.upload;

import dev.shutter.media.publishing.MediaEvents;
import dev.shutter.media.storage.ObjectStore;
import dev.shutter.media.web.ApiException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Uploads the app sends straight to the object store. Starting one records it and hands out a
 * presigned PUT URL; completing it copies the object to a temporary file, validates and processes
 * it exactly like {@code POST /api/media}, and deletes the uploaded object. Bytes that are no
 * acceptable photo are deleted too, and the media id is announced as rejected ({@code MediaRejected}
 * recorded with the rejection, published by the outbox's relay).
 */
@Service
class DirectUploads {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectStore store;
    private final UploadCatalog uploads;
    private final MediaUploads media;
    private final MediaEvents events;
    private final long maxSize;
    private final Duration expiry;

    DirectUploads(
            ObjectStore store,
            UploadCatalog uploads,
            MediaUploads media,
            MediaEvents events,
            MediaProperties properties) {
        this.store = store;
        this.uploads = uploads;
        this.media = media;
        this.events = events;
        this.maxSize = properties.maxUploadSize().toBytes();
        this.expiry = properties.uploadExpiry();
    }

    record Started(UploadDocument upload, URI url, long maxSize) {}

    /** The photo of a completed upload; {@code created} is false when it had been completed before. */
    record Completed(MediaDocument media, boolean created) {}

    /** @param size the size of the file when the app knows it, so that the store refuses any other */
    Started start(String ownerId, Long size) {
        if (size != null && size > maxSize) {
            throw new UploadTooLargeException(size, maxSize);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        UploadDocument upload = new UploadDocument(
                UUID.randomUUID().toString(),
                ownerId,
                "uploads/" + HexFormat.of().formatHex(key),
                UploadDocument.PENDING,
                now,
                now.plus(expiry),
                null);
        uploads.insert(upload);
        return new Started(upload, store.presignPut(upload.objectKey(), expiry, size), maxSize);
    }

    Completed complete(String ownerId, String id) throws IOException, InterruptedException {
        UploadDocument upload = uploads.find(id).orElseThrow(UploadNotFoundException::new);
        if (!upload.ownerId().equals(ownerId)) {
            throw new NotYourUploadException();
        }
        Instant now = Instant.now();
        if (UploadDocument.COMPLETED.equals(upload.state())) {
            return new Completed(media.find(id).orElseThrow(UploadNotFoundException::new), false);
        }
        if (UploadDocument.REJECTED.equals(upload.state())) {
            throw new UploadRejectedException(upload.rejection());
        }
        if (upload.expiredAt(now)) {
            throw new UploadExpiredException();
        }
        if (UploadDocument.PROCESSING.equals(upload.state())) {
            throw new UploadInProgressException();
        }
        if (!uploads.transition(id, UploadDocument.PENDING, UploadDocument.PROCESSING, now)) {
            return complete(ownerId, id); // another request changed it meanwhile: answer what it is now
        }
        try {
            MediaDocument stored = process(upload);
            uploads.transition(id, UploadDocument.PROCESSING, UploadDocument.COMPLETED, now);
            store.delete(List.of(upload.objectKey()));
            return new Completed(stored, true);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Unless it was completed or rejected, the upload may be completed again.
            uploads.transition(id, UploadDocument.PROCESSING, UploadDocument.PENDING, now);
            throw e;
        }
    }

    private MediaDocument process(UploadDocument upload) throws IOException, InterruptedException {
        OptionalLong size = store.size(upload.objectKey());
        if (size.isEmpty()) {
            throw new UploadNotReceivedException();
        }
        if (size.getAsLong() > maxSize) {
            throw reject(upload, new UploadTooLargeException(size.getAsLong(), maxSize));
        }
        Path spooled = Files.createTempFile("shutter-direct-", ".img");
        try {
            if (!store.download(upload.objectKey(), spooled, maxSize)) {
                throw new UploadNotReceivedException();
            }
            long downloaded = Files.size(spooled);
            if (downloaded > maxSize) {
                throw reject(upload, new UploadTooLargeException(downloaded, maxSize));
            }
            try {
                return media.store(upload.id(), upload.ownerId(), spooled);
            } catch (ApiException refused) {
                throw reject(upload, refused);
            }
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    /** Deletes the bytes, keeps the answer with its {@code MediaRejected}; returns the answer to throw. */
    private ApiException reject(UploadDocument upload, ApiException refused) {
        store.delete(List.of(upload.objectKey()));
        UploadDocument.Rejection rejection = new UploadDocument.Rejection(
                refused.status().value(),
                refused.code(),
                refused.getMessage(),
                UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                true);
        uploads.reject(
                upload.id(),
                rejection,
                events.rejected(
                        rejection.eventId(), upload.rejectedWith(rejection).toRejectedEvent()));
        return refused;
    }
}
