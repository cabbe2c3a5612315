package dev.shutter.command.media;

import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The rule that a post or avatar may only use photos the caller uploaded and media-uploader
 * stored: never one it rejected or has deleted since.
 */
@Component
public class MediaOwnership {

    private final StoredMedia storedMedia;

    MediaOwnership(StoredMedia storedMedia) {
        this.storedMedia = storedMedia;
    }

    public void requireOwnedBy(String userId, Collection<String> mediaIds) {
        Map<String, StoredMedia.Media> known = storedMedia.find(mediaIds);
        for (String mediaId : mediaIds) {
            StoredMedia.Media media = known.get(mediaId);
            if (media == null) {
                throw MediaNotReadyException.notStoredYet(mediaId);
            }
            if (!media.ownerId().equals(userId)) {
                throw new MediaNotOwnedException(mediaId);
            }
            if (StoredMedia.REJECTED.equals(media.state())) {
                throw MediaNotReadyException.rejected(mediaId);
            }
            if (StoredMedia.DELETED.equals(media.state())) {
                throw MediaNotReadyException.deleted(mediaId);
            }
        }
    }
}
