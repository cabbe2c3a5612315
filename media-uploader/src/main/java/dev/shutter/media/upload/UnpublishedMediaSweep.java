package dev.shutter.media.upload;

import dev.shutter.media.publishing.MediaEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, finishes what the service left half done: deletions whose objects were removed but whose record was not
 * finished yet (the deletion is repeated, its {@code MediaDeleted} recorded), and the media events of photos and
 * rejected uploads recorded before their events went through the outbox and never confirmed then, which are handed
 * to it now. Consumers are idempotent, so an event that did get through back then is harmless twice.
 */
@Component
class UnpublishedMediaSweep {

    private static final Logger log = LoggerFactory.getLogger(UnpublishedMediaSweep.class);

    private final MediaCatalog catalog;
    private final UploadCatalog uploadCatalog;
    private final MediaEvents events;
    private final MediaRemoval removal;

    UnpublishedMediaSweep(MediaCatalog catalog, UploadCatalog uploadCatalog, MediaEvents events, MediaRemoval removal) {
        this.catalog = catalog;
        this.uploadCatalog = uploadCatalog;
        this.events = events;
        this.removal = removal;
    }

    /** Best effort: whatever is left (MongoDB or the object store not reachable yet) is done at the next start. */
    @EventListener(ApplicationReadyEvent.class)
    void announceUnpublished() {
        try {
            for (MediaDocument media : catalog.unpublished()) {
                if (catalog.recordUnpublished(media, events.stored(media.eventId(), media.toEvent()))) {
                    log.info("Media {} stored before the outbox existed is announced", media.id());
                }
            }
            for (UploadDocument upload : uploadCatalog.unannouncedRejections()) {
                UploadDocument.Rejection rejection = upload.rejection();
                if (uploadCatalog.recordUnpublishedRejection(
                        upload, events.rejected(rejection.eventId(), upload.toRejectedEvent()))) {
                    log.info("The rejection of upload {} is announced", upload.id());
                }
            }
            for (MediaDocument media : catalog.unannouncedDeletions()) {
                removal.delete(media);
                log.info("Finished deleting media {}", media.id());
            }
        } catch (RuntimeException e) {
            log.warn("Could not finish unannounced media events: {}", e.getMessage());
        }
    }
}
