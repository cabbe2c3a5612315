package dev.shutter.media.upload;

import dev.shutter.media.storage.ObjectStore;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what direct uploads that were never completed left in the object store. An upload
 * expires with its URL; one stuck half-way through completion (the service stopped) expires too.
 */
@Component
class ExpiredUploadSweep {

    private static final Logger log = LoggerFactory.getLogger(ExpiredUploadSweep.class);

    private final UploadCatalog uploads;
    private final ObjectStore store;

    ExpiredUploadSweep(UploadCatalog uploads, ObjectStore store) {
        this.uploads = uploads;
        this.store = store;
    }

    @Scheduled(
            initialDelayString = "${shutter.media.upload-sweep-interval:PT5M}",
            fixedDelayString = "${shutter.media.upload-sweep-interval:PT5M}")
    void deleteExpiredUploads() {
        try {
            for (UploadDocument upload : uploads.expired(Instant.now())) {
                store.delete(List.of(upload.objectKey()));
                if (uploads.expire(upload.id(), upload.state())) {
                    log.info("Upload {} expired; its object is deleted", upload.id());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete expired uploads, trying again later: {}", e.getMessage());
        }
    }
}
