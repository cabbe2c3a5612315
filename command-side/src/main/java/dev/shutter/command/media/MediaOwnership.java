package dev.shutter.command.media;

import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The rule that a post or avatar may only use stored photos the caller uploaded. */
@Component
public class MediaOwnership {

    private final StoredMedia storedMedia;

    MediaOwnership(StoredMedia storedMedia) {
        this.storedMedia = storedMedia;
    }

    public void requireOwnedBy(String userId, Collection<String> mediaIds) {
        Map<String, String> owners = storedMedia.ownersOf(mediaIds);
        for (String mediaId : mediaIds) {
            String owner = owners.get(mediaId);
            if (owner == null) {
                throw new MediaNotReadyException(mediaId);
            }
            if (!owner.equals(userId)) {
                throw new MediaNotOwnedException(mediaId);
            }
        }
    }
}
