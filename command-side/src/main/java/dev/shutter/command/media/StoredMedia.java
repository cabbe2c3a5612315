package dev.shutter.command.media;

import dev.shutter.events.media.MediaStored;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code media} table: which photos exist and who uploaded them. */
@Repository
class StoredMedia {

    private final JdbcClient jdbc;

    StoredMedia(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the photo; a redelivered message finds it already there and changes nothing. */
    void record(MediaStored media) {
        jdbc.sql(
                        """
                        INSERT INTO media (media_id, owner_id, stored_at) VALUES (?, ?, ?)
                        ON CONFLICT (media_id) DO NOTHING""")
                .params(media.mediaId(), media.ownerId(), Timestamp.from(media.storedAt()))
                .update();
    }

    Map<String, String> ownersOf(Collection<String> mediaIds) {
        Map<String, String> owners = new HashMap<>();
        if (mediaIds.isEmpty()) {
            return owners;
        }
        jdbc.sql("SELECT media_id, owner_id FROM media WHERE media_id IN (:ids)")
                .param("ids", mediaIds)
                .query(rs -> {
                    owners.put(rs.getString("media_id"), rs.getString("owner_id"));
                });
        return owners;
    }
}
