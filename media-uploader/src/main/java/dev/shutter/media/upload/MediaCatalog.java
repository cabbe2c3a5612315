package dev.shutter.media.upload;

import dev.shutter.platform.outbox.Outbox;
import dev.shutter.platform.outbox.OutboxMessage;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code media} collection of the {@code media} database. A write that causes a media event records it in the
 * document's outbox by the same single-document write, and nudges the relay that publishes it.
 */
@Component
class MediaCatalog {

    static final String COLLECTION = "media";

    private final MongoTemplate mongo;
    private final Outbox outbox;

    MediaCatalog(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
        outbox.watch(COLLECTION);
    }

    /** Records the photo and its {@code MediaStored}, in one insert. */
    void insert(MediaDocument media, OutboxMessage stored) {
        Document document = new Document();
        mongo.getConverter().write(media, document);
        mongo.insert(outbox.record(document, stored), COLLECTION);
        outbox.nudge(COLLECTION, media.id());
    }

    Optional<MediaDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, MediaDocument.class));
    }

    /** Hands to the outbox the {@code MediaStored} of a photo recorded before there was one; false if done before. */
    boolean recordUnpublished(MediaDocument media, OutboxMessage stored) {
        return record(media.id(), "published", Update.update("published", true), stored);
    }

    /** Photos recorded before their events went through the outbox, whose {@code MediaStored} was never confirmed. */
    List<MediaDocument> unpublished() {
        return mongo.find(
                Query.query(Criteria.where("published").is(false).and("status").is(MediaDocument.READY)),
                MediaDocument.class);
    }

    /** Remembers that the post shows these photos; only the author's own photos count. */
    void attachToPost(String postId, String authorId, Collection<String> mediaIds) {
        mongo.updateMulti(
                Query.query(Criteria.where("_id").in(mediaIds).and("ownerId").is(authorId)),
                new Update().addToSet("postIds", postId),
                MediaDocument.class);
    }

    /**
     * Marks for deletion the photos the post was the last to show. Post events arrive one at a
     * time, so nothing changes a photo's posts between the read and the conditional write.
     */
    void markForDeletion(String postId, Instant at) {
        for (MediaDocument media :
                mongo.find(Query.query(Criteria.where("postIds").is(postId)), MediaDocument.class)) {
            if (media.ready()
                    && !media.avatar()
                    && media.deletion() == null
                    && media.postIds().equals(List.of(postId))) {
                mongo.updateFirst(
                        Query.query(Criteria.where("_id")
                                .is(media.id())
                                .and("deletion")
                                .isNull()),
                        Update.update("deletion", new MediaDocument.Deletion(postId, at, false)),
                        MediaDocument.class);
            }
        }
    }

    /** Makes the photo (or none, when null) the user's avatar, and the previous one no longer. */
    void useAsAvatar(String userId, String mediaId) {
        Criteria previous = Criteria.where("ownerId").is(userId).and("avatar").is(true);
        if (mediaId != null) {
            previous = previous.and("_id").ne(mediaId);
        }
        mongo.updateMulti(Query.query(previous), Update.update("avatar", false), MediaDocument.class);
        if (mediaId != null) {
            mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(mediaId).and("ownerId").is(userId)),
                    Update.update("avatar", true),
                    MediaDocument.class);
        }
    }

    void detachFromPost(String postId) {
        mongo.updateMulti(
                Query.query(Criteria.where("postIds").is(postId)),
                new Update().pull("postIds", postId),
                MediaDocument.class);
    }

    /**
     * Marks every photo of a user who deleted their account for deletion, avatar and photos no post shows included;
     * photos already marked keep their mark.
     */
    void markOwnedForDeletion(String userId, Instant at) {
        mongo.updateMulti(
                Query.query(Criteria.where("ownerId")
                        .is(userId)
                        .and("status")
                        .is(MediaDocument.READY)
                        .and("deletion")
                        .isNull()),
                Update.update("deletion", new MediaDocument.Deletion(null, at, false)),
                MediaDocument.class);
    }

    /** The user's photos marked for deletion whose deletion is not finished yet. */
    List<MediaDocument> pendingDeletionsOf(String userId) {
        return mongo.find(
                Query.query(Criteria.where("ownerId")
                        .is(userId)
                        .and("deletion.published")
                        .is(false)),
                MediaDocument.class);
    }

    /** Photos marked for deletion because of the post whose deletion is not finished yet. */
    List<MediaDocument> pendingDeletions(String postId) {
        return mongo.find(
                Query.query(Criteria.where("deletion.postId")
                        .is(postId)
                        .and("deletion.published")
                        .is(false)),
                MediaDocument.class);
    }

    List<MediaDocument> unannouncedDeletions() {
        return mongo.find(
                Query.query(Criteria.where("deletion")
                        .ne(null)
                        .and("deletion.published")
                        .is(false)),
                MediaDocument.class);
    }

    /**
     * Marks the photo deleted, its objects being gone, and records its {@code MediaDeleted}, in one update; only once:
     * false when its deletion was finished before.
     */
    boolean finishDeletion(MediaDocument media, OutboxMessage deleted) {
        return record(
                media.id(),
                "deletion.published",
                new Update().set("status", MediaDocument.DELETED).set("deletion.published", true),
                deleted);
    }

    /** Applies the update and records the message with it, if the flag is still false; nudges the relay then. */
    private boolean record(String id, String unsetFlag, Update update, OutboxMessage message) {
        Query query = Query.query(Criteria.where("_id").is(id).and(unsetFlag).is(false));
        boolean changed = mongo.updateFirst(query, outbox.record(update, message), COLLECTION)
                        .getModifiedCount()
                > 0;
        if (changed) {
            outbox.nudge(COLLECTION, id);
        }
        return changed;
    }
}
