package dev.shutter.command.media;

import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaRejected;
import dev.shutter.events.media.MediaStored;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code media} table: which photos exist, who uploaded them, and whether they may still be
 * used. Rejected and deleted are final: no redelivered or late event brings a media back.
 */
@Repository
class StoredMedia {

    static final String STORED = "STORED";
    static final String REJECTED = "REJECTED";
    static final String DELETED = "DELETED";

    /** The uploader of a media and its state. */
    record Media(String ownerId, String state) {}

    private final JdbcClient jdbc;

    StoredMedia(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the photo; a redelivered message, or one after its rejection or deletion, changes nothing. */
    void record(MediaStored media) {
        jdbc.sql(
                        """
                        INSERT INTO media (media_id, owner_id, stored_at) VALUES (?, ?, ?)
                        ON CONFLICT (media_id) DO NOTHING""")
                .params(media.mediaId(), media.ownerId(), Timestamp.from(media.storedAt()))
                .update();
    }

    void reject(MediaRejected media) {
        end(media.mediaId(), media.ownerId(), REJECTED, Timestamp.from(media.rejectedAt()));
    }

    void delete(MediaDeleted media) {
        end(media.mediaId(), media.ownerId(), DELETED, Timestamp.from(media.deletedAt()));
    }

    /** Moves a stored (or unknown) media to a final state; a media already in one keeps it. */
    private void end(String mediaId, String ownerId, String state, Timestamp at) {
        jdbc.sql(
                        """
                        INSERT INTO media (media_id, owner_id, state, state_changed_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (media_id) DO UPDATE
                        SET state = EXCLUDED.state, state_changed_at = EXCLUDED.state_changed_at
                        WHERE media.state = 'STORED'""")
                .params(mediaId, ownerId, state, at)
                .update();
    }

    Map<String, Media> find(Collection<String> mediaIds) {
        Map<String, Media> media = new HashMap<>();
        if (mediaIds.isEmpty()) {
            return media;
        }
        jdbc.sql("SELECT media_id, owner_id, state FROM media WHERE media_id IN (:ids)")
                .param("ids", mediaIds)
                .query(rs -> {
                    media.put(rs.getString("media_id"), new Media(rs.getString("owner_id"), rs.getString("state")));
                });
        return media;
    }
}
