package dev.shutter.media.upload;

import dev.shutter.media.publishing.EventNotPublishedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Announces, at start, photos whose {@code MediaStored} the broker never confirmed (the upload
 * answered 503). Consumers are idempotent, so an event that did get through is harmless twice.
 */
@Component
class UnpublishedMediaSweep {

    private static final Logger log = LoggerFactory.getLogger(UnpublishedMediaSweep.class);

    private final MediaCatalog catalog;
    private final MediaUploads uploads;

    UnpublishedMediaSweep(MediaCatalog catalog, MediaUploads uploads) {
        this.catalog = catalog;
        this.uploads = uploads;
    }

    /** Best effort: whatever is left is announced on its next {@code GET /api/media/{id}}. */
    @EventListener(ApplicationReadyEvent.class)
    void announceUnpublished() {
        try {
            for (MediaDocument media : catalog.unpublished()) {
                uploads.announce(media);
                log.info("Announced media {} stored before the last start", media.id());
            }
        } catch (EventNotPublishedException e) {
            log.warn("Unannounced media remain: {}", e.getCause().getMessage());
        } catch (DataAccessException e) {
            log.warn("Could not look for unannounced media: {}", e.getMessage());
        }
    }
}
