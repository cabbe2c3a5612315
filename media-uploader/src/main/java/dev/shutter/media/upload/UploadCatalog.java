package dev.shutter.media.upload;

import dev.shutter.platform.outbox.Outbox;
import dev.shutter.platform.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code uploads} collection: direct uploads and where each of them stands. A rejection records its
 * {@code MediaRejected} in the upload's outbox by the same single-document update.
 */
@Component
class UploadCatalog {

    static final String COLLECTION = "uploads";

    private final MongoTemplate mongo;
    private final Outbox outbox;

    UploadCatalog(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
        outbox.watch(COLLECTION);
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

    /** Keeps the answer the upload got and records its {@code MediaRejected}, in one update. */
    void reject(String id, UploadDocument.Rejection rejection, OutboxMessage rejected) {
        mongo.updateFirst(
                byId(id),
                outbox.record(new Update().set("state", UploadDocument.REJECTED).set("rejection", rejection), rejected),
                UploadDocument.class);
        outbox.nudge(COLLECTION, id);
    }

    /** Hands to the outbox the {@code MediaRejected} of an upload rejected before there was one. */
    boolean recordUnpublishedRejection(UploadDocument upload, OutboxMessage rejected) {
        boolean changed = mongo.updateFirst(
                                Query.query(Criteria.where("_id")
                                        .is(upload.id())
                                        .and("rejection.published")
                                        .is(false)),
                                outbox.record(Update.update("rejection.published", true), rejected),
                                UploadDocument.class)
                        .getModifiedCount()
                > 0;
        if (changed) {
            outbox.nudge(COLLECTION, upload.id());
        }
        return changed;
    }

    /** Uploads rejected before their events went through the outbox, whose {@code MediaRejected} was never confirmed. */
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
