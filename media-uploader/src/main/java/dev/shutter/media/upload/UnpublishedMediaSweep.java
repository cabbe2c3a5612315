package dev.shutter.media.upload;

import dev.shutter.media.publishing.EventNotPublishedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces, at start, media events the broker never confirmed: photos stored (the upload
 * answered 503), direct uploads rejected, and photos whose deletion stopped half way (the
 * deletion is finished first). Consumers are idempotent, so an event that did get through is
 * harmless twice.
 */
@Component
class UnpublishedMediaSweep {

    private static final Logger log = LoggerFactory.getLogger(UnpublishedMediaSweep.class);

    private final MediaCatalog catalog;
    private final UploadCatalog uploadCatalog;
    private final MediaUploads uploads;
    private final DirectUploads directUploads;
    private final MediaRemoval removal;

    UnpublishedMediaSweep(
            MediaCatalog catalog,
            UploadCatalog uploadCatalog,
            MediaUploads uploads,
            DirectUploads directUploads,
            MediaRemoval removal) {
        this.catalog = catalog;
        this.uploadCatalog = uploadCatalog;
        this.uploads = uploads;
        this.directUploads = directUploads;
        this.removal = removal;
    }

    /** Best effort: whatever is left is announced on its next {@code GET /api/media/{id}} or completion. */
    @EventListener(ApplicationReadyEvent.class)
    void announceUnpublished() {
        try {
            for (MediaDocument media : catalog.unpublished()) {
                uploads.announce(media);
                log.info("Announced media {} stored before the last start", media.id());
            }
            for (UploadDocument upload : uploadCatalog.unannouncedRejections()) {
                directUploads.announceRejection(upload);
                log.info("Announced the rejection of upload {}", upload.id());
            }
            for (MediaDocument media : catalog.unannouncedDeletions()) {
                removal.delete(media);
                log.info("Finished deleting media {}", media.id());
            }
        } catch (EventNotPublishedException e) {
            log.warn("Unannounced media events remain: {}", e.getCause().getMessage());
        } catch (RuntimeException e) {
            // MongoDB or the object store is not reachable yet.
            log.warn("Could not finish unannounced media events: {}", e.getMessage());
        }
    }
}
