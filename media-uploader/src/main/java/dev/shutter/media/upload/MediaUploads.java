package dev.shutter.media.upload;

import dev.shutter.media.image.DecodedImage;
import dev.shutter.media.image.ImageDecoder;
import dev.shutter.media.image.ImageLimits;
import dev.shutter.media.image.Variants;
import dev.shutter.media.publishing.MediaStoredPublisher;
import dev.shutter.media.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes a photo from upload to announcement: spool to disk, validate, render the variants, store
 * all three objects, record the media, publish {@code MediaStored} and wait for the broker.
 */
@Service
class MediaUploads {

    private static final String VARIANT_CONTENT_TYPE = "image/jpeg";

    private final ObjectStore store;
    private final MediaCatalog catalog;
    private final MediaStoredPublisher publisher;
    private final ImageLimits limits;

    /** A decoded photo may take a hundred megabytes: decode no more at once than there are cores. */
    private final Semaphore decoding =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    MediaUploads(ObjectStore store, MediaCatalog catalog, MediaStoredPublisher publisher, MediaProperties properties) {
        this.store = store;
        this.catalog = catalog;
        this.publisher = publisher;
        this.limits = properties.imageLimits();
    }

    MediaDocument upload(String ownerId, MultipartFile file) throws IOException, InterruptedException {
        Path spooled = Files.createTempFile("shutter-upload-", ".img");
        try {
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
            }
            return announce(store(ownerId, spooled));
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    /** The media, announced first if an earlier publication failed. */
    Optional<MediaDocument> find(String id) {
        return catalog.find(id).map(this::announce);
    }

    MediaDocument announce(MediaDocument media) {
        if (media.published()) {
            return media;
        }
        publisher.publish(media.eventId(), media.toEvent());
        catalog.markPublished(media.id());
        return media.asPublished();
    }

    private MediaDocument store(String ownerId, Path spooled) throws IOException, InterruptedException {
        DecodedImage image;
        byte[] large;
        byte[] small;
        decoding.acquire();
        try {
            image = ImageDecoder.decode(spooled, limits);
            large = Variants.large(image);
            small = Variants.small(image);
        } finally {
            decoding.release();
        }
        ObjectKeys keys = ObjectKeys.underRandomPrefix();
        store.put(keys.original(), spooled, image.format().mimeType());
        store.put(keys.large(), large, VARIANT_CONTENT_TYPE);
        store.put(keys.small(), small, VARIANT_CONTENT_TYPE);
        MediaDocument media = new MediaDocument(
                UUID.randomUUID().toString(),
                ownerId,
                MediaDocument.READY,
                image.format().mimeType(),
                image.width(),
                image.height(),
                keys,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                UUID.randomUUID().toString(),
                false);
        catalog.insert(media);
        return media;
    }
}
