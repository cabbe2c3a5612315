package dev.shutter.media.upload;

import dev.shutter.media.image.DecodedImage;
import dev.shutter.media.image.ImageDecoder;
import dev.shutter.media.image.ImageLimits;
import dev.shutter.media.image.MetadataStripper;
import dev.shutter.media.image.Variants;
import dev.shutter.media.publishing.MediaEvents;
import dev.shutter.media.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes a photo from upload to announcement: spool to disk, validate, render the variants and a
 * copy of the original without metadata, store the three objects, record the media together with
 * its {@code MediaStored} (the outbox's relay publishes it right after). The upload is never held
 * in memory: the servlet container writes the multipart body to disk, and the decoder reads it
 * from there.
 */
@Service
class MediaUploads {

    private static final String VARIANT_CONTENT_TYPE = "image/jpeg";

    private final ObjectStore store;
    private final MediaCatalog catalog;
    private final MediaEvents events;
    private final ImageLimits limits;

    /** A decoded photo may take a hundred megabytes: decode no more at once than there are cores. */
    private final Semaphore decoding =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    MediaUploads(ObjectStore store, MediaCatalog catalog, MediaEvents events, MediaProperties properties) {
        this.store = store;
        this.catalog = catalog;
        this.events = events;
        this.limits = properties.imageLimits();
    }

    MediaDocument upload(String ownerId, MultipartFile file) throws IOException, InterruptedException {
        Path spooled = Files.createTempFile("shutter-upload-", ".img");
        try {
            // The container spooled the part to disk; this moves that file (or copies it, on another disk).
            file.transferTo(spooled.toFile());
            return store(UUID.randomUUID().toString(), ownerId, spooled);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    Optional<MediaDocument> find(String id) {
        return catalog.find(id).filter(MediaDocument::ready);
    }

    /**
     * Validates the file, stores the photo's objects under a fresh random prefix and records it with
     * its {@code MediaStored}. Throws the image's problem (415, 422) when the file is not acceptable.
     */
    MediaDocument store(String mediaId, String ownerId, Path file) throws IOException, InterruptedException {
        Path original = Files.createTempFile("shutter-original-", ".img");
        try {
            DecodedImage image;
            byte[] large;
            byte[] small;
            decoding.acquire();
            try {
                image = ImageDecoder.decode(file, limits);
                large = Variants.large(image);
                small = Variants.small(image);
            } finally {
                decoding.release();
            }
            MetadataStripper.strip(image.format(), file, original);
            ObjectKeys keys = ObjectKeys.underRandomPrefix();
            store.put(keys.original(), original, image.format().mimeType());
            store.put(keys.large(), large, VARIANT_CONTENT_TYPE);
            store.put(keys.small(), small, VARIANT_CONTENT_TYPE);
            MediaDocument media = MediaDocument.stored(
                    mediaId,
                    ownerId,
                    image.format().mimeType(),
                    image.width(),
                    image.height(),
                    keys,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            catalog.insert(media, events.stored(media.eventId(), media.toEvent()));
            return media;
        } finally {
            Files.deleteIfExists(original);
        }
    }
}
