package dev.shutter.push.post;

import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.readmodel.ReadModelPart;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code posts}: {@code {_id: postId, authorId, mediaId, deleted}}, just enough to know whose post a like,
 * a comment or a mention is about, and which photo to show in the push. The posts of a deleted account are
 * {@code {_id: postId, deleted: true}}. Reads use the live generation; writes name the
 * generation they fill.
 */
@Repository
public class Posts implements ReadModelPart {

    static final String COLLECTION = "posts";

    private final MongoTemplate mongo;
    private final ReadModelGenerations generations;

    Posts(MongoTemplate mongo, ReadModelGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
        createIndexes(generations.live());
    }

    @Override
    public void createIndexes(int generation) {
        // reads are by _id; an account's deletion finds the author's posts
        mongo.indexOps(ReadModelGenerations.collection(COLLECTION, generation))
                .ensureIndex(new Index().on("authorId", Sort.Direction.ASC));
    }

    void published(String postId, String authorId, List<String> mediaIds, int generation) {
        String mediaId = mediaIds == null || mediaIds.isEmpty() ? null : mediaIds.get(0);
        mongo.upsert(
                Query.query(Criteria.where("_id").is(postId)),
                new Update()
                        .setOnInsert("authorId", authorId)
                        .setOnInsert("mediaId", mediaId)
                        .setOnInsert("deleted", false),
                ReadModelGenerations.collection(COLLECTION, generation));
    }

    /**
     * Deleting is final, so it needs no sequence number: applied twice or before a late publish, it stays deleted.
     *
     * @param authorId null when the author deleted their account: the tombstone does not name them
     */
    void deleted(String postId, String authorId, int generation) {
        Update update = new Update().set("deleted", true);
        if (authorId != null) {
            update.setOnInsert("authorId", authorId);
        }
        mongo.upsert(
                Query.query(Criteria.where("_id").is(postId)),
                update,
                ReadModelGenerations.collection(COLLECTION, generation));
    }

    /**
     * The posts of a user who deleted their account stay deleted, as tombstones without author or photo: a post
     * published again by a redelivery finds its document and changes nothing.
     */
    void forgetAuthor(String authorId, int generation) {
        mongo.updateMulti(
                Query.query(Criteria.where("authorId").is(authorId)),
                new Update().set("deleted", true).unset("authorId").unset("mediaId"),
                ReadModelGenerations.collection(COLLECTION, generation));
    }

    /** The post, unless it is unknown or deleted. */
    public Optional<Post> find(String postId) {
        Document post = mongo.findById(postId, Document.class, generations.live(COLLECTION));
        if (post == null || Boolean.TRUE.equals(post.getBoolean("deleted"))) {
            return Optional.empty();
        }
        return Optional.of(new Post(postId, post.getString("authorId"), post.getString("mediaId")));
    }

    /** What push-dispatcher knows of a post: its author and its first photo (null if none). */
    public record Post(String postId, String authorId, String mediaId) {}
}
