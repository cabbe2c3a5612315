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
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicUpdate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The {@code homes}, {@code homeTails} and {@code homeArrivals} documents of each user of one generation. An author's
 * own posts are not copied anywhere: follows and regenerations read the newest of them from the view's {@code posts}
 * (one document per post) through its index {@code {authorId, deleted, createdAt, _id}}, never more than a home
 * keeps.
 *
 * <p>A user's home timeline holds every fanned-out post newer than its {@code horizon}, newest first and at most
 * {@code home-cap} of them: whenever an entry is pushed out at the bottom, or a follow brings only part of an
 * account's posts, the horizon moves up to cover it, so a reader knows where to continue from the followees' own
 * timelines. Between regenerations a horizon only moves up, which keeps that promise true.
 *
 * <p>Its entries live in three places, each entry in one of them:
 *
 * <ul>
 *   <li>{@code homeArrivals}: one small document per entry fanned out since the owner's last fold, so a fan-out is a
 *       bulk insert, whatever the size of the followers' timelines;
 *   <li>the {@code entries} of the {@code homes} document, the head: the newest of the rest, at most {@link #headCap};
 *       {@code n} counts them (taking entries out removes it);
 *   <li>the {@code homeTails} document: older than every entry in the head, at most {@link #tailCap}; {@code tn} on
 *       the head is at least their number (taking entries out leaves it as it is).
 * </ul>
 *
 * <p>Every {@link #foldAt} or so arrivals a home's arrivals are folded into its head in one write; when they do not fit
 * there, the timeline is written again whole, the head leaving room for {@link #spill} more. So a post costs each
 * follower one insert and, spread over many posts, a write of a few dozen entries.
 */
final class HomeTimelines {

    static final String HOMES = "homes";
    static final String TAILS = "homeTails";
    static final String ARRIVALS = "homeArrivals";
    /**
     * Accounts read together by a regeneration: each is one range of the posts index, and MongoDB merges up to 200
     * ranges in sort order (more would be sorted in memory).
     */
    static final int AUTHORS_PER_READ = 100;

    private static final Document NEWEST_FIRST = new Document("t", -1).append("p", -1);
    private static final Comparator<Document> NEWEST_FIRST_ENTRIES =
            Comparator.comparing(TimelineKey::of).reversed();

    private final MongoTemplate mongo;
    private final TimelineSettings settings;
    private final FollowGraph graph;
    private final String homes;
    private final String tails;
    private final String arrivals;
    private final String posts;
    private final ArrivalCounts counts;
    private final int generation;
    /** The most entries a head holds: all of them for a small cap, an eighth of a larger one (at most 100). */
    private final int headCap;
    /** The room a head rewritten whole leaves for entries to come. */
    private final int spill;
    /** How many arrivals a home collects, at least, before they are folded into its head (a small cap folds each). */
    private final int foldAt;
    /** The most entries head and tail hold together: the cap, less the arrivals that may wait for the next fold. */
    private final int kept;
    /** The most entries a tail holds. */
    private final int tailCap;

    HomeTimelines(
            MongoTemplate mongo, TimelineSettings settings, FollowGraph graph, ArrivalCounts counts, int generation) {
        this.mongo = mongo;
        this.settings = settings;
        this.graph = graph;
        this.counts = counts;
        this.generation = generation;
        this.homes = collection(HOMES, generation);
        this.tails = collection(TAILS, generation);
        this.arrivals = collection(ARRIVALS, generation);
        this.posts = collection(TimelineProjection.POSTS, generation);
        int cap = settings.homeCap();
        boolean small = cap < 32;
        this.headCap = small ? cap : Math.min(100, cap / 8);
        this.spill = Math.max(1, headCap / 2);
        this.foldAt = small ? 1 : Math.max(2, spill / 3);
        this.kept = cap - 2 * (foldAt - 1);
        this.tailCap = kept - headCap;
    }

    /**
     * The user was active at that time (registered, signed in or posted). A user who had been away longer than the
     * inactivity period, or was skipped by a fan-out meanwhile, gets their home timeline regenerated.
     */
    void active(String userId, Date at) {
        Query byId = byId(userId);
        byId.fields().include("activeUntil", "stale");
        Document home = mongo.findOne(byId, Document.class, homes);
        Date until = Date.from(at.toInstant().plus(settings.inactivity()));
        Date activeUntil = home == null ? null : home.getDate("activeUntil");
        boolean stale = home != null && home.getBoolean("stale", false);
        if (stale || (activeUntil != null && activeUntil.before(at))) {
            regenerate(userId);
            mongo.updateFirst(
                    byId(userId), new Update().set("activeUntil", until).set("stale", false), homes);
        } else if (activeUntil == null || activeUntil.before(until)) {
            mongo.upsert(byId(userId), new Update().set("activeUntil", until).setOnInsert("entries", List.of()), homes);
        }
    }

    /** Removes a user's home timeline (idempotent); their own posts go with the view's {@code posts}. */
    void forget(String userId) {
        mongo.remove(byId(userId), homes);
        mongo.remove(byId(userId), tails);
        mongo.remove(query(where("o").is(userId)), arrivals);
        counts.forget(generation, userId);
    }

    /**
     * The owner follows an account: their home document exists from now on (the query side starts a home page from
     * it, even when every account they follow is merged at read time). Whom they follow is the graph's.
     */
    void open(String ownerId) {
        mongo.upsert(byId(ownerId), new Update().setOnInsert("entries", List.of()), homes);
    }

    /** The owner no longer follows the author: the author's entries leave the home timeline. */
    void removeAuthor(String ownerId, String authorId) {
        mongo.remove(query(where("o").is(ownerId).and("a").is(authorId)), arrivals);
        mongo.updateFirst(byId(ownerId), new Update().pull("entries", new Document("a", authorId)), tails);
        mongo.updateFirst(
                byId(ownerId),
                new Update().pull("entries", new Document("a", authorId)).unset("n"),
                homes);
    }

    /**
     * Writes a post into the home timelines of those owners, skipping owners inactive at the post's time (they are
     * marked stale) and owners whose horizon is above the post: an arrival each, and the owners' arrivals folded into
     * their heads every {@link #foldAt}.
     */
    void push(List<String> owners, String authorId, TimelineKey post, boolean retry) {
        Query ofOwners = query(where("_id").in(owners));
        ofOwners.fields().include("horizon", "activeUntil", "stale");
        Document entry = entry(post, authorId);
        List<String> away = new ArrayList<>();
        List<Document> arriving = new ArrayList<>();
        for (Document home : mongo.find(ofOwners, Document.class, homes)) {
            String ownerId = home.getString("_id");
            Date activeUntil = home.getDate("activeUntil");
            if (activeUntil != null && activeUntil.before(post.at())) {
                if (!home.getBoolean("stale", false)) {
                    away.add(ownerId);
                }
                continue;
            }
            TimelineKey horizon = TimelineKey.orNull(home.get("horizon"));
            if (!post.after(horizon)) {
                continue;
            }
            if (retry) {
                // The post, or a fold of this owner's arrivals, may have been written already: written again whole.
                rewrite(ownerId, entry, horizon);
            } else {
                arriving.add(new Document("_id", arrivalId(ownerId, post.postId()))
                        .append("o", ownerId)
                        .append("p", post.postId())
                        .append("a", authorId)
                        .append("t", post.at()));
            }
        }
        if (!away.isEmpty()) {
            mongo.updateMulti(query(where("_id").in(away)), new Update().set("stale", true), homes);
        }
        if (!arriving.isEmpty()) {
            mongo.insert(arriving, arrivals);
            fold(due(arriving.stream().map(arrival -> arrival.getString("o")).toList()));
        }
    }

    /**
     * Those of the owners, who each just received an arrival, whose arrivals are to be folded now. Each home folds at
     * its own count, between {@link #foldAt} and twice that, so that the followers of one account, who receive the
     * same posts, do not all fold (or get written whole) at the same post.
     */
    private List<String> due(List<String> owners) {
        Map<String, Integer> waiting = new HashMap<>();
        List<String> uncounted = new ArrayList<>();
        for (String ownerId : owners) {
            int count = counts.arrived(generation, ownerId);
            if (count < 0) {
                uncounted.add(ownerId);
            } else {
                waiting.put(ownerId, count);
            }
        }
        if (!uncounted.isEmpty()) {
            Query ofOwners = query(where("o").in(uncounted));
            ofOwners.fields().include("o");
            uncounted.forEach(ownerId -> waiting.put(ownerId, 0));
            mongo.find(ofOwners, Document.class, arrivals)
                    .forEach(arrival -> waiting.merge(arrival.getString("o"), 1, Integer::sum));
            uncounted.forEach(ownerId -> counts.waiting(generation, ownerId, waiting.get(ownerId)));
        }
        return owners.stream()
                .filter(ownerId -> waiting.get(ownerId) >= foldAt + Math.floorMod(ownerId.hashCode(), foldAt))
                .toList();
    }

    /**
     * Moves what arrived for these owners into their heads: one read of the arrivals and one of the heads, one bulk
     * write, one removal. A home whose arrivals do not fit in its head (it would outgrow {@link #headCap}, or an arrival
     * is older than the head and belongs in the tail) is written again whole instead.
     */
    private void fold(List<String> owners) {
        if (owners.isEmpty()) {
            return;
        }
        owners.forEach(ownerId -> counts.folded(generation, ownerId));
        Map<String, List<Document>> arrived = new HashMap<>();
        List<Object> folded = new ArrayList<>();
        for (Document arrival : mongo.find(query(where("o").in(owners)), Document.class, arrivals)) {
            arrived.computeIfAbsent(arrival.getString("o"), ownerId -> new ArrayList<>())
                    .add(arrivedEntry(arrival));
            folded.add(arrival.get("_id"));
        }
        Query ofOwners = query(where("_id").in(arrived.keySet()));
        ofOwners.fields().include("horizon", "n", "tn").slice("entries", -1);
        BulkOperations heads = mongo.bulkOps(BulkMode.UNORDERED, homes);
        int writes = 0;
        for (Document home : mongo.find(ofOwners, Document.class, homes)) {
            String ownerId = home.getString("_id");
            TimelineKey horizon = TimelineKey.orNull(home.get("horizon"));
            List<Document> entries = arrived.get(ownerId).stream()
                    .filter(entry -> TimelineKey.of(entry).after(horizon))
                    .sorted(NEWEST_FIRST_ENTRIES)
                    .toList();
            if (entries.isEmpty()) {
                continue;
            }
            List<Document> last = home.getList("entries", Document.class, List.of());
            boolean fits = home.get("n") instanceof Number n
                    && n.intValue() + entries.size() <= headCap
                    && (!(home.get("tn") instanceof Number)
                            || (!last.isEmpty()
                                    && entries.stream().allMatch(entry -> TimelineKey.of(entry)
                                            .after(TimelineKey.of(last.get(0))))));
            if (fits) {
                heads.updateOne(
                        byId(ownerId),
                        new BasicUpdate(new Document(
                                        "$push",
                                        new Document(
                                                "entries",
                                                new Document("$each", entries).append("$sort", NEWEST_FIRST)))
                                .append("$inc", new Document("n", entries.size()))));
                writes++;
            } else {
                store(ownerId, entries(ownerId), horizon);
            }
        }
        if (writes > 0) {
            heads.execute();
        }
        // Only now that the heads hold them. A failure before this leaves them in place too; the event is then
        // delivered again as a retry, which writes these timelines whole, each entry once.
        mongo.remove(query(where("_id").in(folded)), arrivals);
    }

    /** Writes the owner's home timeline again whole with the entry in it (at most once). */
    private void rewrite(String ownerId, Document entry, TimelineKey horizon) {
        List<Document> all = entries(ownerId);
        all.removeIf(e -> entry.getString("p").equals(e.getString("p")));
        all.add(entry);
        store(ownerId, all, horizon);
    }

    /** Every entry of the owner's home timeline: the head's, the tail's, then the arrivals. */
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
        for (Document arrival : mongo.find(query(where("o").is(ownerId)), Document.class, arrivals)) {
            all.add(arrivedEntry(arrival));
        }
        return all;
    }

    /** Takes a post out of those owners' home timelines. */
    void remove(List<String> owners, String postId) {
        List<String> arrivalIds =
                owners.stream().map(ownerId -> arrivalId(ownerId, postId)).toList();
        mongo.remove(query(where("_id").in(arrivalIds)), arrivals);
        mongo.updateMulti(
                query(where("_id").in(owners)), new Update().pull("entries", new Document("p", postId)), tails);
        mongo.updateMulti(
                query(where("_id").in(owners)),
                new Update().pull("entries", new Document("p", postId)).unset("n"),
                homes);
    }

    /** Brings the author's newest posts into the owner's home timeline (idempotent). */
    void backfill(String ownerId, String authorId) {
        int perAuthor = postsOnFollow();
        List<Document> recent = newest(List.of(authorId), perAuthor + 1);
        Query head = byId(ownerId);
        head.fields().include("horizon");
        Document home = mongo.findOne(head, Document.class, homes);
        TimelineKey before = home == null ? null : TimelineKey.orNull(home.get("horizon"));
        TimelineKey horizon = before;
        List<Document> brought = new ArrayList<>();
        for (int i = 0; i < recent.size(); i++) {
            TimelineKey key = postKey(recent.get(i));
            if (i == perAuthor) {
                // The author has older posts than those brought in: the home timeline is complete above this one.
                horizon = TimelineKey.max(horizon, key);
            } else {
                brought.add(entry(key, authorId));
            }
        }
        Map<String, Document> entries = new LinkedHashMap<>();
        entries(ownerId).forEach(e -> entries.put(e.getString("p"), e));
        TimelineKey bound = horizon;
        boolean changes = !Objects.equals(horizon, before)
                || brought.stream()
                        .anyMatch(e -> TimelineKey.of(e).after(bound) && !entries.containsKey(e.getString("p")));
        if (changes) {
            // (A follow applied again brings nothing new and leaves the timeline as it is.)
            brought.forEach(e -> entries.put(e.getString("p"), e));
            store(ownerId, new ArrayList<>(entries.values()), horizon);
        }
    }

    /**
     * Rebuilds a home timeline from the newest posts of the accounts it follows (those merged at read time left out).
     * The accounts are read from the graph in batches of {@link #AUTHORS_PER_READ}, each batch's newest posts in one
     * read of the posts index: as many as the home could take from them (at most {@link #kept}, and no more than the
     * posts on follow of each) and one more. What is older than that one would be left out anyway, by the cap or by
     * the limit per account, so the horizon moves up to it.
     */
    private void regenerate(String ownerId) {
        int perAuthor = postsOnFollow();
        Set<String> merged = graph.mergedAccounts();
        TimelineKey[] horizon = {null};
        List<Document> entries = new ArrayList<>();
        graph.forEachFolloweeBatch(ownerId, AUTHORS_PER_READ, followees -> {
            List<String> batch =
                    followees.stream().filter(id -> !merged.contains(id)).toList();
            if (!batch.isEmpty()) {
                horizon[0] = TimelineKey.max(horizon[0], bringNewest(batch, perAuthor, entries));
            }
        });
        store(ownerId, entries, horizon[0]);
    }

    /**
     * Adds the newest posts of one batch of followed accounts to the entries, and answers the horizon they need (null
     * when the home takes every post of theirs).
     */
    private TimelineKey bringNewest(List<String> batch, int perAuthor, List<Document> entries) {
        TimelineKey horizon = null;
        int taken = Math.min(kept, perAuthor * batch.size());
        List<Document> recent = newest(batch, taken + 1);
        Map<String, Integer> perAccount = new HashMap<>();
        for (Document post : recent) {
            String authorId = post.getString("authorId");
            TimelineKey key = postKey(post);
            int before = perAccount.merge(authorId, 1, Integer::sum) - 1;
            if (before < perAuthor) {
                entries.add(entry(key, authorId));
            } else if (before == perAuthor) {
                // The author has older posts than those brought in.
                horizon = TimelineKey.max(horizon, key);
            }
        }
        if (recent.size() > taken) {
            // These accounts have older posts than the home takes from them: complete above the last one read.
            horizon = TimelineKey.max(horizon, postKey(recent.get(taken)));
        }
        return horizon;
    }

    /**
     * The newest live posts of these authors together, at most {@code limit}, newest first: one range read of the
     * {@code posts} index {@code {authorId, deleted, createdAt, _id}} per author, merged by the server in order.
     */
    private List<Document> newest(List<String> authorIds, int limit) {
        Query recent = query(where("authorId").in(authorIds).and("deleted").is(false))
                .with(Sort.by(Direction.DESC, "createdAt", "_id"))
                .limit(limit);
        recent.fields().include("authorId", "createdAt");
        return mongo.find(recent, Document.class, posts);
    }

    /** How many of an account's newest posts a follow brings: at most what a home keeps. */
    private int postsOnFollow() {
        return Math.min(settings.postsOnFollow(), kept);
    }

    private static TimelineKey postKey(Document post) {
        return new TimelineKey(post.getDate("createdAt"), post.getString("_id"));
    }

    /**
     * Writes the entries above the horizon, newest first, with the arrivals folded in: cut to what head and tail may
     * hold with the horizon moved above the cut, the newest in the head and the rest in the tail, the head left room
     * for {@link #spill} more wherever there is a tail.
     */
    private void store(String ownerId, List<Document> candidates, TimelineKey horizon) {
        Map<String, Document> unique = new HashMap<>();
        candidates.forEach(e -> unique.put(e.getString("p"), e));
        TimelineKey bound = horizon;
        List<Document> entries = new ArrayList<>(unique.values().stream()
                .filter(e -> TimelineKey.of(e).after(bound))
                .sorted(NEWEST_FIRST_ENTRIES)
                .toList());
        // With a tail, the head is left room for spill more entries, so that the next folds fit in it.
        int limit = tailCap == 0 ? kept : kept - spill;
        if (entries.size() > limit) {
            horizon = TimelineKey.max(horizon, TimelineKey.of(entries.get(limit)));
            entries = new ArrayList<>(entries.subList(0, limit));
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
        // Homes written by earlier versions held the accounts followed too: gone with the next write.
        TimelineProjection.FORMER_HOME_FIELDS.forEach(update::unset);
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
        mongo.remove(query(where("o").is(ownerId)), arrivals);
        counts.folded(generation, ownerId);
    }

    private static Document entry(TimelineKey key, String authorId) {
        return new Document("p", key.postId()).append("a", authorId).append("t", key.at());
    }

    /** An arrival is the entry with its owner ({@code o}), under an id of owner and post. */
    private static String arrivalId(String ownerId, String postId) {
        return ownerId + "/" + postId;
    }

    private static Document arrivedEntry(Document arrival) {
        return entry(TimelineKey.of(arrival), arrival.getString("a"));
    }

    private static Query byId(String id) {
        return query(where("_id").is(id));
    }
}
