package dev.shutter.projections.timeline;

import static dev.shutter.projections.view.Generations.collection;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicUpdate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The {@code homes} documents (one per user) and the {@code authors} documents (each author's posts) of one
 * generation.
 *
 * <p>A home document's {@code entries} hold every fanned-out post newer than its {@code horizon}, newest first and at
 * most {@code home-cap} of them: whenever an entry is pushed out at the bottom, or a follow brings only part of an
 * account's posts, the horizon moves up to cover it, so a reader knows where to continue from the followees' own
 * timelines. Between regenerations a horizon only moves up, which keeps that promise true. {@code top}, where present,
 * is the key of the newest entry (taking entries out removes it, as it removes the count {@code n}), so a post above
 * it is pushed on top without sorting the entries.
 */
final class HomeTimelines {

    static final String HOMES = "homes";
    static final String AUTHORS = "authors";
    private static final Document NEWEST_FIRST = new Document("t", -1).append("p", -1);

    private final MongoTemplate mongo;
    private final TimelineSettings settings;
    private final FollowGraph graph;
    private final String homes;
    private final String authors;

    HomeTimelines(MongoTemplate mongo, TimelineSettings settings, FollowGraph graph, int generation) {
        this.mongo = mongo;
        this.settings = settings;
        this.graph = graph;
        this.homes = collection(HOMES, generation);
        this.authors = collection(AUTHORS, generation);
    }

    /** Puts a post into its author's timeline (idempotent: a retry takes out a copy first). */
    void addToAuthor(String authorId, TimelineKey post, boolean retry) {
        BulkOperations bulk = mongo.bulkOps(BulkMode.ORDERED, authors);
        if (retry) {
            bulk.updateOne(byId(authorId), new Update().pull("posts", new Document("p", post.postId())));
        }
        bulk.upsert(
                byId(authorId),
                new BasicUpdate(new Document(
                        "$push",
                        new Document(
                                "posts",
                                new Document("$each", List.of(post.document())).append("$sort", NEWEST_FIRST)))));
        bulk.execute();
    }

    void removeFromAuthor(String authorId, String postId) {
        mongo.updateFirst(byId(authorId), new Update().pull("posts", new Document("p", postId)), authors);
    }

    /**
     * The user was active at that time (registered, signed in or posted). A user who had been away longer than the
     * inactivity period, or was skipped by a fan-out meanwhile, gets their home timeline regenerated.
     */
    void active(String userId, Date at) {
        Query byId = byId(userId);
        byId.fields().include("activeUntil", "stale", "following");
        Document home = mongo.findOne(byId, Document.class, homes);
        Date until = Date.from(at.toInstant().plus(settings.inactivity()));
        Date activeUntil = home == null ? null : home.getDate("activeUntil");
        boolean stale = home != null && home.getBoolean("stale", false);
        if (stale || (activeUntil != null && activeUntil.before(at))) {
            regenerate(userId, home.getList("following", String.class, List.of()));
            mongo.updateFirst(
                    byId(userId), new Update().set("activeUntil", until).set("stale", false), homes);
        } else if (activeUntil == null || activeUntil.before(until)) {
            mongo.upsert(byId(userId), new Update().set("activeUntil", until).setOnInsert("entries", List.of()), homes);
        }
    }

    /** Removes a user's home timeline and own timeline (idempotent). */
    void forget(String userId) {
        mongo.remove(byId(userId), homes);
        mongo.remove(byId(userId), authors);
    }

    void addFollowing(String ownerId, String followeeId) {
        mongo.upsert(
                byId(ownerId), new Update().addToSet("following", followeeId).setOnInsert("entries", List.of()), homes);
    }

    /** The owner no longer follows the author: neither the author nor their entries stay in the home timeline. */
    void removeFollowing(String ownerId, String authorId) {
        mongo.updateFirst(
                byId(ownerId),
                new Update()
                        .pull("following", authorId)
                        .pull("entries", new Document("a", authorId))
                        .unset("n")
                        .unset("top"),
                homes);
    }

    /**
     * Writes a post into the home timelines of those owners, skipping owners inactive at the post's time (they are
     * marked stale) and owners whose horizon is above the post. Keeps each home at most {@code home-cap} long and
     * moves the horizon above whatever falls out.
     */
    void push(List<String> owners, String authorId, TimelineKey post, boolean retry) {
        int cap = settings.homeCap();
        Query ofOwners = query(where("_id").in(owners));
        ofOwners.fields().include("horizon", "activeUntil", "stale", "n", "top").slice("entries", -1);
        Document entry = entry(post, authorId);
        BulkOperations bulk = mongo.bulkOps(retry ? BulkMode.ORDERED : BulkMode.UNORDERED, homes);
        int writes = 0;
        for (Document home : mongo.find(ofOwners, Document.class, homes)) {
            Query owner = byId(home.getString("_id"));
            Date activeUntil = home.getDate("activeUntil");
            if (activeUntil != null && activeUntil.before(post.at())) {
                if (!home.getBoolean("stale", false)) {
                    bulk.updateOne(owner, new Update().set("stale", true));
                    writes++;
                }
                continue;
            }
            TimelineKey horizon = TimelineKey.orNull(home.get("horizon"));
            if (!post.after(horizon)) {
                continue;
            }
            if (retry) {
                bulk.updateOne(owner, new Update().pull("entries", new Document("p", post.postId())));
            }
            int size;
            TimelineKey bottom;
            TimelineKey top = TimelineKey.orNull(home.get("top"));
            if (home.get("n") instanceof Number n && !retry) {
                size = n.intValue();
                List<Document> last = home.getList("entries", Document.class, List.of());
                bottom = size >= cap && !last.isEmpty() ? TimelineKey.of(last.get(0)) : null;
            } else {
                // The count is unknown after entries were taken out: read the timeline once to learn it again.
                List<Document> all = entries(home.getString("_id"));
                all.removeIf(e -> post.postId().equals(e.getString("p")));
                size = all.size();
                bottom = size >= cap ? TimelineKey.of(all.get(cap - 1)) : null;
                top = all.isEmpty() ? null : TimelineKey.of(all.get(0));
            }
            if (bottom != null && !post.after(bottom)) {
                // A full home timeline whose every entry is newer: the post stays below its horizon.
                bulk.updateOne(
                        owner, new Update().set("horizon", post.document()).set("n", size));
            } else {
                Document set = new Document("n", Math.min(size + 1, cap));
                if (bottom != null) {
                    set.append("horizon", TimelineKey.max(horizon, bottom).document());
                }
                // Newer than every entry, as a new post nearly always is: it goes on top, with no sort of the rest.
                boolean newest = size == 0 || (top != null && post.after(top));
                if (top != null || size == 0) {
                    set.append("top", TimelineKey.max(top, post).document());
                }
                Document push = new Document("$each", List.of(entry));
                if (newest) {
                    push.append("$position", 0);
                } else {
                    push.append("$sort", NEWEST_FIRST);
                }
                bulk.updateOne(
                        owner,
                        new BasicUpdate(new Document("$push", new Document("entries", push.append("$slice", cap)))
                                .append("$set", set)));
            }
            writes++;
        }
        if (writes > 0) {
            bulk.execute();
        }
    }

    private List<Document> entries(String ownerId) {
        Query byId = byId(ownerId);
        byId.fields().include("entries");
        Document home = mongo.findOne(byId, Document.class, homes);
        return home == null ? new ArrayList<>() : new ArrayList<>(home.getList("entries", Document.class, List.of()));
    }

    /** Takes a post out of those owners' home timelines. */
    void remove(List<String> owners, String postId) {
        mongo.updateMulti(
                query(where("_id").in(owners)),
                new Update()
                        .pull("entries", new Document("p", postId))
                        .unset("n")
                        .unset("top"),
                homes);
    }

    /** Brings the author's newest posts into the owner's home timeline (idempotent). */
    void backfill(String ownerId, String authorId) {
        int perAuthor = settings.postsOnFollow();
        Query author = byId(authorId);
        author.fields().slice("posts", 0, perAuthor + 1);
        Document posts = mongo.findOne(author, Document.class, authors);
        List<Document> recent = posts == null ? List.of() : posts.getList("posts", Document.class, List.of());
        Document home = mongo.findById(ownerId, Document.class, homes);
        TimelineKey horizon = home == null ? null : TimelineKey.orNull(home.get("horizon"));
        Map<String, Document> entries = new LinkedHashMap<>();
        if (home != null) {
            home.getList("entries", Document.class, List.of()).forEach(e -> entries.put(e.getString("p"), e));
        }
        for (int i = 0; i < recent.size(); i++) {
            TimelineKey key = TimelineKey.of(recent.get(i));
            if (i == perAuthor) {
                // The author has older posts than those brought in: the home timeline is complete above this one.
                horizon = TimelineKey.max(horizon, key);
            } else {
                entries.put(key.postId(), entry(key, authorId));
            }
        }
        store(ownerId, new ArrayList<>(entries.values()), horizon);
    }

    /**
     * Rebuilds a home timeline from the newest posts of the accounts it follows (those merged at read time left out).
     */
    private void regenerate(String ownerId, List<String> following) {
        int perAuthor = settings.postsOnFollow();
        Set<String> merged = graph.mergedAccounts();
        List<String> fannedOut =
                following.stream().filter(id -> !merged.contains(id)).toList();
        TimelineKey horizon = null;
        List<Document> entries = new ArrayList<>();
        for (int from = 0; from < fannedOut.size(); from += 200) {
            Query batch = query(where("_id").in(fannedOut.subList(from, Math.min(fannedOut.size(), from + 200))));
            batch.fields().slice("posts", 0, perAuthor + 1);
            for (Document author : mongo.find(batch, Document.class, authors)) {
                List<Document> recent = author.getList("posts", Document.class, List.of());
                for (int i = 0; i < recent.size(); i++) {
                    TimelineKey key = TimelineKey.of(recent.get(i));
                    if (i == perAuthor) {
                        horizon = TimelineKey.max(horizon, key);
                    } else {
                        entries.add(entry(key, author.getString("_id")));
                    }
                }
            }
        }
        store(ownerId, entries, horizon);
    }

    /** Writes the entries above the horizon, newest first, cut to the cap with the horizon moved above the cut. */
    private void store(String ownerId, List<Document> candidates, TimelineKey horizon) {
        Map<String, Document> unique = new HashMap<>();
        candidates.forEach(e -> unique.put(e.getString("p"), e));
        TimelineKey bound = horizon;
        List<Document> entries = new ArrayList<>(unique.values().stream()
                .filter(e -> TimelineKey.of(e).after(bound))
                .sorted(Comparator.comparing(TimelineKey::of).reversed())
                .toList());
        int cap = settings.homeCap();
        if (entries.size() > cap) {
            horizon = TimelineKey.max(horizon, TimelineKey.of(entries.get(cap)));
            entries = new ArrayList<>(entries.subList(0, cap));
        }
        Update update = new Update().set("entries", entries).set("n", entries.size());
        if (entries.isEmpty()) {
            update.unset("top");
        } else {
            update.set("top", TimelineKey.of(entries.get(0)).document());
        }
        if (horizon != null) {
            update.set("horizon", horizon.document());
        } else {
            update.unset("horizon");
        }
        mongo.upsert(byId(ownerId), update, homes);
    }

    private static Document entry(TimelineKey key, String authorId) {
        return new Document("p", key.postId()).append("a", authorId).append("t", key.at());
    }

    private static Query byId(String id) {
        return query(where("_id").is(id));
    }
}
