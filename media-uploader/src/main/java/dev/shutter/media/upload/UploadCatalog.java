package dev.shutter.media.upload;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code uploads} collection: direct uploads and where each of them stands. */
@Component
class UploadCatalog {

    private final MongoTemplate mongo;

    UploadCatalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void insert(UploadDocument upload) {
        mongo.insert(upload);
    }

    Optional<UploadDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, UploadDocument.class));
    }

    /**
     * Moves the upload from one state to another, only if it is still in the first one and, for
     * a pending upload, not expired: of two calls at once only one gets true.
     */
    boolean transition(String id, String from, String to, Instant now) {
        Criteria criteria = Criteria.where("_id").is(id).and("state").is(from);
        if (UploadDocument.PENDING.equals(from)) {
            criteria = criteria.and("expiresAt").gt(now);
        }
        return mongo.findAndModify(
                        Query.query(criteria),
                        Update.update("state", to),
                        FindAndModifyOptions.options().returnNew(true),
                        UploadDocument.class)
                != null;
    }

    /** Marks the upload expired, only if it is still in the state the sweep found it in. */
    boolean expire(String id, String from) {
        return mongo.updateFirst(
                                Query.query(Criteria.where("_id")
                                        .is(id)
                                        .and("state")
                                        .is(from)),
                                Update.update("state", UploadDocument.EXPIRED),
                                UploadDocument.class)
                        .getModifiedCount()
                > 0;
    }

    void reject(String id, UploadDocument.Rejection rejection) {
        mongo.updateFirst(
                byId(id),
                new Update().set("state", UploadDocument.REJECTED).set("rejection", rejection),
                UploadDocument.class);
    }

    void markRejectionPublished(String id) {
        mongo.updateFirst(byId(id), Update.update("rejection.published", true), UploadDocument.class);
    }

    List<UploadDocument> unannouncedRejections() {
        return mongo.find(
                Query.query(Criteria.where("state")
                        .is(UploadDocument.REJECTED)
                        .and("rejection.published")
                        .is(false)),
                UploadDocument.class);
    }

    /** Pending or stuck uploads whose time is up. */
    List<UploadDocument> expired(Instant now) {
        return mongo.find(
                Query.query(Criteria.where("state")
                        .in(UploadDocument.PENDING, UploadDocument.PROCESSING)
                        .and("expiresAt")
                        .lte(now)),
                UploadDocument.class);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
