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
 * The {@code homes} and {@code homeTails} documents (one of each per user) and the {@code authors} documents (each
 * author's posts) of one generation.
 *
 * <p>A user's home timeline holds every fanned-out post newer than its {@code horizon}, newest first and at most
 * {@code home-cap} of them: whenever an entry is pushed out at the bottom, or a follow brings only part of an
 * account's posts, the horizon moves up to cover it, so a reader knows where to continue from the followees' own
 * timelines. Between regenerations a horizon only moves up, which keeps that promise true.
 *
 * <p>The entries are split in two, as a bucket: the {@code homes} document keeps the newest ones (its {@code entries},
 * at most {@link #headCap} of them; the first pages are read from there) and the {@code homeTails} document the older
 * ones, every one older than any in the head. A fan-out writes into the small head only; when a head is full, its
 * oldest {@link #spill} entries move to the tail in one write. So a post costs a write of a few dozen entries per
 * follower, not of the whole timeline. On the head, {@code n} counts its entries and {@code top} is the key of the
 * newest (taking entries out removes both, and the next post rewrites that timeline once to learn them again), so a
 * post above it is pushed on top without sorting; {@code tn} is at least the number of entries in the tail (taking
 * entries out leaves it as it is).
 */
final class HomeTimelines {

    static final String HOMES = "homes";
    static final String TAILS = "homeTails";
    static final String AUTHORS = "authors";
    private static final Document NEWEST_FIRST = new Document("t", -1).append("p", -1);
    private static final Comparator<Document> NEWEST_FIRST_ENTRIES =
            Comparator.comparing(TimelineKey::of).reversed();

    private final MongoTemplate mongo;
    private final TimelineSettings settings;
    private final FollowGraph graph;
    private final String homes;
    private final String tails;
    private final String authors;
    /** The most entries a head holds: all of them for a small cap, an eighth of a larger one (at most 100). */
    private final int headCap;
    /** How many of its oldest entries a full head hands to the tail at once. */
    private final int spill;
    /** The most entries a tail holds: with the head's, never more than the cap. */
    private final int tailCap;

    HomeTimelines(MongoTemplate mongo, TimelineSettings settings, FollowGraph graph, int generation) {
        this.mongo = mongo;
        this.settings = settings;
        this.graph = graph;
        this.homes = collection(HOMES, generation);
        this.tails = collection(TAILS, generation);
        this.authors = collection(AUTHORS, generation);
        int cap = settings.homeCap();
        this.headCap = cap < 32 ? cap : Math.min(100, cap / 8);
        this.spill = Math.max(1, headCap / 2);
        this.tailCap = cap - headCap;
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
        mongo.remove(byId(userId), tails);
        mongo.remove(byId(userId), authors);
    }

    void addFollowing(String ownerId, String followeeId) {
        mongo.upsert(
                byId(ownerId), new Update().addToSet("following", followeeId).setOnInsert("entries", List.of()), homes);
    }

    /** The owner no longer follows the author: neither the author nor their entries stay in the home timeline. */
    void removeFollowing(String ownerId, String authorId) {
        mongo.updateFirst(byId(ownerId), new Update().pull("entries", new Document("a", authorId)), tails);
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
        Query ofOwners = query(where("_id").in(owners));
        ofOwners.fields()
                .include("horizon", "activeUntil", "stale", "n", "top", "tn")
                .slice("entries", -1);
        Document entry = entry(post, authorId);
        BulkOperations heads = mongo.bulkOps(BulkMode.UNORDERED, homes);
        List<Document> overflowing = new ArrayList<>();
        int writes = 0;
        for (Document home : mongo.find(ofOwners, Document.class, homes)) {
            String ownerId = home.getString("_id");
            Date activeUntil = home.getDate("activeUntil");
            if (activeUntil != null && activeUntil.before(post.at())) {
                if (!home.getBoolean("stale", false)) {
                    heads.updateOne(byId(ownerId), new Update().set("stale", true));
                    writes++;
                }
                continue;
            }
            TimelineKey horizon = TimelineKey.orNull(home.get("horizon"));
            if (!post.after(horizon)) {
                continue;
            }
            if (retry || !(home.get("n") instanceof Number n) || n.intValue() > headCap) {
                // A retry may find the post in place; the count is unknown after entries were taken out; a head above
                // the cap was written with a larger one. Each is read and written whole, once.
                rewrite(ownerId, entry, horizon);
                continue;
            }
            int size = n.intValue();
            List<Document> last = home.getList("entries", Document.class, List.of());
            TimelineKey bottom = size == 0 || last.isEmpty() ? null : TimelineKey.of(last.get(0));
            boolean full = size == headCap;
            if (bottom != null && !post.after(bottom) && (full || home.get("tn") instanceof Number)) {
                if (tailCap > 0) {
                    // Older than the whole head, so its place is in the tail: rare (a post that arrived late).
                    rewrite(ownerId, entry, horizon);
                } else {
                    // A full home timeline whose every entry is newer: the post stays below its horizon.
                    heads.updateOne(byId(ownerId), new Update().set("horizon", post.document()));
                    writes++;
                }
            } else if (full && tailCap > 0) {
                overflowing.add(home);
            } else {
                Document set = new Document("n", Math.min(size + 1, headCap));
                if (full) {
                    // No tail to take it: the bottom entry falls out, under the horizon.
                    set.append("horizon", TimelineKey.max(horizon, bottom).document());
                }
                heads.updateOne(byId(ownerId), pushOnHead(home, entry, post, headCap, set));
                writes++;
            }
        }
        writes += spill(overflowing, entry, post, heads);
        if (writes > 0) {
            heads.execute();
        }
    }

    /**
     * The post goes onto these full heads, and the oldest {@link #spill} entries of each (the post among them if it is
     * that old) move to the top of its tail, written before the heads lose them. Where the tail then holds more than
     * {@link #tailCap}, its bottom falls out and the horizon moves above it.
     */
    private int spill(List<Document> full, Document entry, TimelineKey post, BulkOperations heads) {
        if (full.isEmpty()) {
            return 0;
        }
        List<String> owners = full.stream().map(home -> home.getString("_id")).toList();
        Query oldest = query(where("_id").in(owners));
        oldest.fields().slice("entries", -spill);
        Map<String, List<Document>> bottoms = new HashMap<>();
        mongo.find(oldest, Document.class, homes)
                .forEach(
                        home -> bottoms.put(home.getString("_id"), home.getList("entries", Document.class, List.of())));
        List<String> tailsFull = full.stream()
                .filter(home -> tailEntries(home) + spill > tailCap)
                .map(home -> home.getString("_id"))
                .toList();
        Map<String, TimelineKey> fallingOut = new HashMap<>();
        if (!tailsFull.isEmpty()) {
            Query cut = query(where("_id").in(tailsFull));
            cut.fields().slice("entries", tailCap - spill, 1);
            for (Document tail : mongo.find(cut, Document.class, tails)) {
                List<Document> first = tail.getList("entries", Document.class, List.of());
                if (!first.isEmpty()) {
                    fallingOut.put(tail.getString("_id"), TimelineKey.of(first.get(0)));
                }
            }
        }
        BulkOperations tailWrites = mongo.bulkOps(BulkMode.UNORDERED, tails);
        for (Document home : full) {
            String ownerId = home.getString("_id");
            List<Document> moving = new ArrayList<>(bottoms.getOrDefault(ownerId, List.of()));
            moving.add(entry);
            moving.sort(NEWEST_FIRST_ENTRIES);
            moving.remove(0);
            tailWrites.upsert(
                    byId(ownerId),
                    new BasicUpdate(new Document(
                            "$push",
                            new Document(
                                    "entries",
                                    new Document("$each", moving)
                                            .append("$position", 0)
                                            .append("$slice", tailCap)))));
            Document set = new Document("n", headCap + 1 - moving.size())
                    .append("tn", Math.min(tailCap, tailEntries(home) + moving.size()));
            TimelineKey cut = fallingOut.get(ownerId);
            if (cut != null) {
                set.append(
                        "horizon",
                        TimelineKey.max(TimelineKey.orNull(home.get("horizon")), cut)
                                .document());
            }
            heads.updateOne(byId(ownerId), pushOnHead(home, entry, post, headCap + 1 - moving.size(), set));
        }
        tailWrites.execute();
        return full.size();
    }

    /**
     * Pushes the entry into a head and cuts it to {@code keep} entries: on top when it is the newest (as a new post
     * nearly always is), with no sort of the rest.
     */
    private static BasicUpdate pushOnHead(Document home, Document entry, TimelineKey post, int keep, Document set) {
        TimelineKey top = TimelineKey.orNull(home.get("top"));
        int size = ((Number) home.get("n")).intValue();
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
        return new BasicUpdate(
                new Document("$push", new Document("entries", push.append("$slice", keep))).append("$set", set));
    }

    private static int tailEntries(Document home) {
        return home.get("tn") instanceof Number tn ? tn.intValue() : 0;
    }

    /** Writes the owner's home timeline again whole with the entry in it (at most once). */
    private void rewrite(String ownerId, Document entry, TimelineKey horizon) {
        List<Document> all = entries(ownerId);
        all.removeIf(e -> entry.getString("p").equals(e.getString("p")));
        all.add(entry);
        store(ownerId, all, horizon);
    }

    /** Every entry of the owner's home timeline: the head's, then the tail's. */
    private List<Document> entries(String ownerId) {
        List<Document> all = new ArrayList<>();
        for (String collection : List.of(homes, tails)) {
            Query byId = byId(ownerId);
            byId.fields().include("entries");
            Document part = mongo.findOne(byId, Document.class, collection);
            if (part != null) {
                all.addAll(part.getList("entries", Document.class, List.of()));
            }
        }
        return all;
    }

    /** Takes a post out of those owners' home timelines. */
    void remove(List<String> owners, String postId) {
        mongo.updateMulti(
                query(where("_id").in(owners)), new Update().pull("entries", new Document("p", postId)), tails);
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
        Query head = byId(ownerId);
        head.fields().include("horizon");
        Document home = mongo.findOne(head, Document.class, homes);
        TimelineKey horizon = home == null ? null : TimelineKey.orNull(home.get("horizon"));
        Map<String, Document> entries = new LinkedHashMap<>();
        entries(ownerId).forEach(e -> entries.put(e.getString("p"), e));
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

    /**
     * Writes the entries above the horizon, newest first, cut to the cap with the horizon moved above the cut: the
     * newest in the head, leaving it room for {@link #spill} more posts where the tail can take the rest.
     */
    private void store(String ownerId, List<Document> candidates, TimelineKey horizon) {
        Map<String, Document> unique = new HashMap<>();
        candidates.forEach(e -> unique.put(e.getString("p"), e));
        TimelineKey bound = horizon;
        List<Document> entries = new ArrayList<>(unique.values().stream()
                .filter(e -> TimelineKey.of(e).after(bound))
                .sorted(NEWEST_FIRST_ENTRIES)
                .toList());
        int cap = settings.homeCap();
        if (entries.size() > cap) {
            horizon = TimelineKey.max(horizon, TimelineKey.of(entries.get(cap)));
            entries = new ArrayList<>(entries.subList(0, cap));
        }
        int inTail = Math.min(tailCap, Math.max(0, entries.size() - (headCap - spill)));
        List<Document> head = new ArrayList<>(entries.subList(0, entries.size() - inTail));
        if (inTail > 0) {
            List<Document> tail = new ArrayList<>(entries.subList(head.size(), entries.size()));
            mongo.upsert(byId(ownerId), new Update().set("entries", tail), tails);
        } else {
            mongo.remove(byId(ownerId), tails);
        }
        Update update = new Update().set("entries", head).set("n", head.size());
        if (head.isEmpty()) {
            update.unset("top");
        } else {
            update.set("top", TimelineKey.of(head.get(0)).document());
        }
        if (inTail > 0) {
            update.set("tn", inTail);
        } else {
            update.unset("tn");
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
