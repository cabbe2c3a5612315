package dev.shutter.projections.post;

import static dev.shutter.projections.view.Generations.collection;
import static dev.shutter.projections.view.SequenceGuard.applyIfNewer;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.Projection;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The post view: posts, their likes and comments. Every document carries the sequence number of
 * the last Post event applied to it; like and comment counts are recounted from the documents.
 * Hashtags are derived from the current caption (and a comment's text), the users a caption or
 * comment mentioned are gathered from {@code UsersMentioned}.
 */
@Component
class PostProjection implements Projection {

    static final String POSTS = "posts";
    static final String LIKES = "likes";
    static final String COMMENTS = "comments";

    private final MongoTemplate mongo;

    PostProjection(@Qualifier("postsMongo") MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String view() {
        return "posts";
    }

    @Override
    public MongoTemplate mongo() {
        return mongo;
    }

    @Override
    public List<String> collections() {
        return List.of(POSTS, LIKES, COMMENTS);
    }

    @Override
    public void createIndexes(int generation) {
        // Serves the recount (by its prefix) and the newest-first page of likers.
        mongo.indexOps(collection(LIKES, generation))
                .createIndex(new Index()
                        .on("postId", Direction.ASC)
                        .on("active", Direction.ASC)
                        .on("likedAt", Direction.DESC)
                        .on("_id", Direction.DESC));
        mongo.indexOps(collection(POSTS, generation))
                .createIndex(new Index()
                        .on("hashtags", Direction.ASC)
                        .on("createdAt", Direction.DESC)
                        .on("_id", Direction.DESC));
        mongo.indexOps(collection(COMMENTS, generation))
                .createIndex(new Index()
                        .on("postId", Direction.ASC)
                        .on("createdAt", Direction.DESC)
                        .on("_id", Direction.DESC));
    }

    @Override
    public boolean apply(EventEnvelope event, int generation) {
        Record payload = event.payload();
        String postId;
        if (payload instanceof PostPublished published) {
            postId = published.postId();
            applyToPost(
                    postId,
                    event,
                    generation,
                    new Update()
                            .set("authorId", published.authorId())
                            .set("caption", published.caption())
                            .set("hashtags", Hashtags.in(published.caption()))
                            .set("mediaIds", published.mediaIds() != null ? published.mediaIds() : List.of())
                            .set("createdAt", event.date(published.publishedAt()))
                            .set("deleted", false));
        } else if (payload instanceof PostCaptionEdited edited) {
            postId = edited.postId();
            applyToPost(
                    postId,
                    event,
                    generation,
                    new Update().set("caption", edited.caption()).set("hashtags", Hashtags.in(edited.caption())));
        } else if (payload instanceof PostDeleted deleted) {
            postId = deleted.postId();
            applyToPost(postId, event, generation, new Update().set("deleted", true));
        } else if (payload instanceof PostLiked liked) {
            postId = liked.postId();
            like(
                    liked.postId(),
                    liked.userId(),
                    event,
                    generation,
                    new Update().set("active", true).set("likedAt", event.date(liked.likedAt())));
        } else if (payload instanceof PostUnliked unliked) {
            postId = unliked.postId();
            like(unliked.postId(), unliked.userId(), event, generation, new Update().set("active", false));
        } else if (payload instanceof CommentAdded added) {
            postId = added.postId();
            comment(
                    added.commentId(),
                    event,
                    generation,
                    new Update()
                            .set("postId", added.postId())
                            .set("authorId", added.authorId())
                            .set("text", added.text())
                            .set("hashtags", Hashtags.in(added.text()))
                            .set("createdAt", event.date(added.addedAt()))
                            .set("deleted", false));
        } else if (payload instanceof CommentDeleted deleted) {
            postId = deleted.postId();
            comment(
                    deleted.commentId(),
                    event,
                    generation,
                    new Update().set("postId", deleted.postId()).set("deleted", true));
        } else if (payload instanceof UsersMentioned mentioned) {
            postId = mentioned.postId();
            mention(mentioned, event, generation);
        } else {
            return false;
        }
        recount(postId, generation);
        return true;
    }

    private void applyToPost(String postId, EventEnvelope event, int generation, Update update) {
        applyIfNewer(mongo, collection(POSTS, generation), postId, event.sequence(), update);
    }

    private void like(String postId, String userId, EventEnvelope event, int generation, Update update) {
        applyIfNewer(
                mongo,
                collection(LIKES, generation),
                postId + ":" + userId,
                event.sequence(),
                update.set("postId", postId).set("userId", userId));
    }

    private void comment(String commentId, EventEnvelope event, int generation, Update update) {
        applyIfNewer(mongo, collection(COMMENTS, generation), commentId, event.sequence(), update);
    }

    /** Adds the mentioned users to the caption's or the comment's, whichever the mention came with. */
    private void mention(UsersMentioned mentioned, EventEnvelope event, int generation) {
        List<String> userIds = mentioned.mentionedUserIds() != null ? mentioned.mentionedUserIds() : List.of();
        Update update = new Update().addToSet("mentionedUserIds").each(userIds.toArray());
        if (mentioned.commentId() == null) {
            applyToPost(mentioned.postId(), event, generation, update);
        } else {
            comment(mentioned.commentId(), event, generation, update.set("postId", mentioned.postId()));
        }
    }

    /** Derives the counts of a post from its current likes and comments. */
    private void recount(String postId, int generation) {
        long likes =
                mongo.count(query(where("postId").is(postId).and("active").is(true)), collection(LIKES, generation));
        long comments = mongo.count(
                query(where("postId").is(postId).and("deleted").is(false)), collection(COMMENTS, generation));
        mongo.updateFirst(
                query(where("_id").is(postId)),
                new Update().set("likeCount", likes).set("commentCount", comments),
                collection(POSTS, generation));
    }
}
