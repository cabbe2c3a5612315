package dev.shutter.media.upload;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code media} collection of the {@code media} database. */
@Component
class MediaCatalog {

    private final MongoTemplate mongo;

    MediaCatalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void insert(MediaDocument media) {
        mongo.insert(media);
    }

    Optional<MediaDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, MediaDocument.class));
    }

    void markPublished(String id) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)), Update.update("published", true), MediaDocument.class);
    }

    List<MediaDocument> unpublished() {
        return mongo.find(Query.query(Criteria.where("published").is(false)), MediaDocument.class);
    }
}
