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
import dev.shutter.events.user.UserDeleted;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.Forgotten;
import dev.shutter.projections.view.Projection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The post view: posts, their likes and comments. Every document carries the sequence number of
 * the last Post event applied to it; like and comment counts are recounted from the documents.
 * Hashtags are derived from the current caption (and a comment's text), the users a caption or
 * comment mentioned are gathered from {@code UsersMentioned}.
 *
 * <p>A deleted account ({@code UserDeleted}) is forgotten: its posts with their likes and comments, its own likes and
 * comments go, it leaves the mentions of other posts and comments, and the posts it liked or commented on are
 * recounted. Events naming it or one of its posts that come later are skipped (see {@link Forgotten}). Captions and
 * comments erased with the user's key ({@code null}) read as empty.
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
        return List.of(POSTS, LIKES, COMMENTS, Forgotten.COLLECTION);
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
        // Find what a deleted account leaves behind.
        mongo.indexOps(collection(POSTS, generation)).createIndex(new Index().on("authorId", Direction.ASC));
        mongo.indexOps(collection(POSTS, generation)).createIndex(new Index().on("mentionedUserIds", Direction.ASC));
        mongo.indexOps(collection(LIKES, generation)).createIndex(new Index().on("userId", Direction.ASC));
        mongo.indexOps(collection(COMMENTS, generation)).createIndex(new Index().on("authorId", Direction.ASC));
        mongo.indexOps(collection(COMMENTS, generation)).createIndex(new Index().on("mentionedUserIds", Direction.ASC));
    }

    @Override
    public boolean apply(EventEnvelope event, int generation) {
        Record payload = event.payload();
        Forgotten forgotten = new Forgotten(mongo, generation);
        if (payload instanceof UserDeleted deleted) {
            forget(deleted.userId(), forgotten, generation);
            return true;
        }
        String[] named = postAndActorOf(payload);
        if (named == null) {
            return false;
        }
        if (forgotten.any(named)) {
            // A late or redelivered event of a forgotten account or post brings nothing back.
            return true;
        }
        String postId;
        if (payload instanceof PostPublished published) {
            postId = published.postId();
            applyToPost(
                    postId,
                    event,
                    generation,
                    new Update()
                            .set("authorId", published.authorId())
                            .set("caption", text(published.caption()))
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
                    new Update().set("caption", text(edited.caption())).set("hashtags", Hashtags.in(edited.caption())));
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
                            .set("text", text(added.text()))
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
            mention(mentioned, event, generation, forgotten);
        } else {
            return false;
        }
        recount(postId, generation);
        return true;
    }

    /** The post an event of this view is about and the user who acted, or null when it does not concern the view. */
    private static String[] postAndActorOf(Record payload) {
        if (payload instanceof PostPublished e) {
            return new String[] {e.postId(), e.authorId()};
        } else if (payload instanceof PostCaptionEdited e) {
            return new String[] {e.postId(), e.authorId()};
        } else if (payload instanceof PostDeleted e) {
            return new String[] {e.postId(), e.authorId()};
        } else if (payload instanceof PostLiked e) {
            return new String[] {e.postId(), e.userId()};
        } else if (payload instanceof PostUnliked e) {
            return new String[] {e.postId(), e.userId()};
        } else if (payload instanceof CommentAdded e) {
            return new String[] {e.postId(), e.authorId()};
        } else if (payload instanceof CommentDeleted e) {
            return new String[] {e.postId(), e.authorId()};
        } else if (payload instanceof UsersMentioned e) {
            return new String[] {e.postId(), e.actorId()};
        }
        return null;
    }

    /** A caption or comment erased with its author's key reads as an empty one. */
    private static String text(String text) {
        return text != null ? text : "";
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

    /**
     * Adds the mentioned users to the caption's or the comment's, whichever the mention came with; forgotten users
     * are left out.
     */
    private void mention(UsersMentioned mentioned, EventEnvelope event, int generation, Forgotten forgotten) {
        List<String> userIds =
                new ArrayList<>(mentioned.mentionedUserIds() != null ? mentioned.mentionedUserIds() : List.of());
        userIds.removeAll(forgotten.among(userIds));
        Update update = new Update().addToSet("mentionedUserIds").each(userIds.toArray());
        if (mentioned.commentId() == null) {
            applyToPost(mentioned.postId(), event, generation, update);
        } else {
            comment(mentioned.commentId(), event, generation, update.set("postId", mentioned.postId()));
        }
    }

    /**
     * Forgets a deleted account. Its own likes and comments are first ended and the posts they were on recounted, and
     * only then is everything removed, so a redelivered {@code UserDeleted} after a crash finds them again.
     */
    private void forget(String userId, Forgotten forgotten, int generation) {
        String posts = collection(POSTS, generation);
        String likes = collection(LIKES, generation);
        String comments = collection(COMMENTS, generation);
        Query authored = query(where("authorId").is(userId));
        List<String> ownPosts = new ArrayList<>();
        mongo.find(authored, Document.class, posts).forEach(post -> ownPosts.add(post.getString("_id")));
        List<String> ids = new ArrayList<>(List.of(userId));
        ids.addAll(ownPosts);
        forgotten.forget(ids);

        Query ownLikes = query(where("userId").is(userId));
        Query ownComments = query(where("authorId").is(userId));
        Set<String> engaged = new HashSet<>();
        mongo.find(ownLikes, Document.class, likes).forEach(like -> engaged.add(like.getString("postId")));
        mongo.find(ownComments, Document.class, comments).forEach(comment -> engaged.add(comment.getString("postId")));
        engaged.removeAll(ownPosts);
        mongo.updateMulti(ownLikes, new Update().set("active", false), likes);
        mongo.updateMulti(ownComments, new Update().set("deleted", true), comments);
        engaged.forEach(postId -> recount(postId, generation));

        mongo.remove(
                query(new Criteria()
                        .orOperator(where("userId").is(userId), where("postId").in(ownPosts))),
                likes);
        mongo.remove(
                query(new Criteria()
                        .orOperator(
                                where("authorId").is(userId), where("postId").in(ownPosts))),
                comments);
        mongo.remove(authored, posts);
        Query mentioning = query(where("mentionedUserIds").is(userId));
        mongo.updateMulti(mentioning, new Update().pull("mentionedUserIds", userId), posts);
        mongo.updateMulti(mentioning, new Update().pull("mentionedUserIds", userId), comments);
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
