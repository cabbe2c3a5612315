package dev.shutter.query.timeline;

import static dev.shutter.query.config.Documents.instant;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.shutter.query.config.Keyset;
import dev.shutter.query.config.ReadModels;
import dev.shutter.query.config.Recent;
import dev.shutter.query.config.View;
import dev.shutter.query.web.Cursor;
import dev.shutter.query.web.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads of the {@code timelines} view. Each returns up to {@code limit + 1} entries, newest first, the extra one only
 * telling whether another page exists.
 *
 * <p>A home page is assembled from at most seven reads, whatever its size, and two more for each hundred followed
 * accounts whose posts it reads one by one: the user's {@code homes} document (the
 * newest entries fanned out on write, its horizon and until when the user counts as active;
 * for a first page only its newest entries, read again whole in the rare case that merged or hidden authors leave too
 * few), the user's {@code homeTails} document when the page reaches past those (the older entries), the user's {@code
 * homeArrivals} (entries fanned out since the home was last folded; few, read whole), the {@code
 * merged} accounts (those above the fan-out threshold; read once a second, not per page), which of them the user
 * follows (their {@code followerEdges}, by id), and the newest {@code posts} of the followed accounts whose posts are
 * not in the entries (the page's worth of them, through the posts index): merged accounts always; every followed
 * account for the part of the timeline below the horizon (older than the entries kept) or after the user became
 * inactive (not fanned out to), those accounts read a hundred at a time from the {@code followerEdges} index {@code
 * {followerId, followeeId}}, never all at once. Each part
 * covers its own range of the sort key, so pages have no gaps and no duplicates. Posts of excluded authors (users a
 * block hides from the owner) are skipped in every part, so pages stay full.
 */
@Component
class TimelineEntries {

    private static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::createdAt)
            .thenComparing(TimelineEntry::postId)
            .reversed();

    private static final long ABSENT_RECHECK_NANOS = 1_000_000_000L;

    /**
     * Authors whose posts one read merges: each is one range of the posts index, and MongoDB merges up to 200 ranges
     * in sort order (more would be sorted in memory).
     */
    private static final int AUTHORS_PER_READ = 100;

    private final ReadModels readModels;
    private final MongoClient mongo;
    private final Set<MongoNamespace> laidOut = ConcurrentHashMap.newKeySet();
    private final Map<MongoNamespace, Long> notLaidOutSince = new ConcurrentHashMap<>();

    private final Recent<MongoNamespace, Set<String>> mergedAccounts;

    TimelineEntries(
            ReadModels readModels,
            MongoClient mongo,
            @Value("${shutter.query.merged-accounts-max-age:1s}") Duration mergedAccountsMaxAge) {
        this.readModels = readModels;
        this.mongo = mongo;
        this.mergedAccounts = new Recent<>(mergedAccountsMaxAge, System::nanoTime, this::readMergedAccounts);
    }

    List<TimelineEntry> home(String ownerId, PageRequest page, Collection<String> excludedAuthors) {
        MongoCollection<Document> homes = readModels.collection(View.TIMELINES, "homes");
        if (!exists(homes)) {
            Bson owner = Filters.eq("ownerId", ownerId);
            return formerLayout(
                    "home",
                    excludedAuthors.isEmpty() ? owner : Filters.and(owner, Filters.nin("authorId", excludedAuthors)),
                    "postId",
                    page);
        }
        int wanted = page.limit() + 1;
        // A first page seldom needs more of the entries than it shows: read twice that many, and all of them only
        // when merged or hidden authors leave too few.
        Integer slice = page.firstPage() ? 2 * wanted : null;
        Document home = readHome(homes, ownerId, slice);
        if (home == null) {
            return List.of();
        }
        Key cursor = page.firstPage()
                ? null
                : new Key(page.after().at(), page.after().id());
        Key horizon = home.get("horizon") instanceof Document h ? Key.of(h) : null;
        Instant activeUntil = instant(home, "activeUntil");
        Following following = new Following(ownerId, excludedAuthors);
        Set<String> merged = following.merged();

        // Every source below yields posts of followed accounts; each is complete for its own range of the sort key.
        FannedOutEntries fannedOut = new FannedOutEntries(cursor, merged, excludedAuthors);
        Map<String, TimelineEntry> found = new LinkedHashMap<>();
        fannedOut.addTo(found, home, wanted);
        if (found.size() < wanted
                && slice != null
                && home.getList("entries", Document.class, List.of()).size() == slice) {
            home = readHome(homes, ownerId, null);
            found.clear();
            fannedOut.addTo(found, home == null ? new Document() : home, wanted);
        }
        if (found.size() < wanted && home != null && home.get("tn") instanceof Number) {
            // Past the head: the older entries are in the tail.
            Document tail = readModels
                    .collection(View.TIMELINES, "homeTails")
                    .find(Filters.eq("_id", ownerId))
                    .first();
            if (tail != null) {
                fannedOut.addTo(found, tail, wanted);
            }
        }
        // Fanned out since the home was last folded: a few entries, any of which may be the newest, so all are taken.
        readModels
                .collection(View.TIMELINES, "homeArrivals")
                .find(Filters.eq("o", ownerId))
                .forEach(arrival -> {
                    Key key = Key.of(arrival);
                    if (fannedOut.shows(key, arrival.getString("a"))) {
                        found.putIfAbsent(key.postId(), key.entry());
                    }
                });
        // After the owner became inactive nothing was fanned out to them: read what they follow instead.
        boolean inactiveRange = activeUntil != null
                && activeUntil.isBefore(Instant.now())
                && (cursor == null || cursor.at().isAfter(activeUntil));
        Set<String> read = new HashSet<>();
        if (inactiveRange) {
            following.forEachBatch(batch -> addPostsOf(batch, read, found, cursor, wanted));
        } else {
            addPostsOf(merged, read, found, cursor, wanted);
        }
        if (horizon != null && newerThan(horizon, found) < wanted) {
            // Older than the horizon: the followed accounts' own timelines continue the page.
            following.forEachBatch(batch -> addPostsOf(batch, read, found, cursor, wanted));
        }
        return found.values().stream().sorted(NEWEST_FIRST).limit(wanted).toList();
    }

    /** The author's live posts after the cursor, newest first: one range of the {@code posts} index. */
    List<TimelineEntry> byAuthor(String authorId, PageRequest page) {
        if (exists(readModels.collection(View.TIMELINES, "user"))) {
            return formerLayout("user", Filters.eq("authorId", authorId), "_id", page);
        }
        Key cursor = page.firstPage()
                ? null
                : new Key(page.after().at(), page.after().id());
        List<TimelineEntry> entries = new ArrayList<>();
        newestPosts(List.of(authorId), cursor, page.limit() + 1).forEach(entries::add);
        return entries;
    }

    /**
     * The newest live posts of these authors after the cursor, at most {@code limit}, newest first. The index {@code
     * {authorId, deleted, createdAt, _id}} of {@code posts} holds each author's live posts as one range in this order,
     * which the cursor bounds from above: MongoDB reads at most {@code limit} entries of it, merging the authors'
     * ranges in order, whatever the number of posts.
     */
    private List<TimelineEntry> newestPosts(Collection<String> authorIds, Key cursor, int limit) {
        List<Bson> conditions = new ArrayList<>(List.of(
                authorIds.size() == 1
                        ? Filters.eq("authorId", authorIds.iterator().next())
                        : Filters.in("authorId", authorIds),
                Filters.eq("deleted", false)));
        if (cursor != null) {
            // The bound on createdAt alone starts the range at the cursor; the keyset then leaves out its own time's
            // posts up to and including the cursor's.
            conditions.add(Filters.lte("createdAt", Date.from(cursor.at())));
            conditions.add(Keyset.after("createdAt", "_id", cursor.at(), cursor.postId()));
        }
        List<TimelineEntry> posts = new ArrayList<>();
        readModels
                .collection(View.TIMELINES, "posts")
                .find(Filters.and(conditions))
                .projection(Projections.include("createdAt"))
                .sort(Keyset.newestFirst("createdAt", "_id"))
                .limit(limit)
                .forEach(post -> posts.add(new TimelineEntry(post.getString("_id"), instant(post, "createdAt"))));
        return posts;
    }

    /** The user's {@code homes} document, with only the newest {@code entries} when a number is given. */
    private static Document readHome(MongoCollection<Document> homes, String ownerId, Integer entries) {
        var find = homes.find(Filters.eq("_id", ownerId));
        if (entries != null) {
            // Named fields next to the slice: a projection of a slice alone returns everything else on MongoDB, but
            // nothing else on some stores (the in-process one of devstack among them).
            find.projection(Projections.fields(
                    Projections.include("horizon", "activeUntil", "tn"), Projections.slice("entries", entries)));
        }
        return find.first();
    }

    /**
     * Which entries fanned out on write (head, tail, arrivals) a page shows: those after the cursor, of authors neither
     * merged at read time nor excluded.
     */
    private record FannedOutEntries(Key cursor, Set<String> merged, Collection<String> excludedAuthors) {

        boolean shows(Key key, String author) {
            return key.before(cursor) && !merged.contains(author) && !excludedAuthors.contains(author);
        }

        /** Adds the entries of a head or tail document this page shows, until there are {@code wanted}. */
        void addTo(Map<String, TimelineEntry> found, Document entries, int wanted) {
            for (Document entry : entries.getList("entries", Document.class, List.of())) {
                if (found.size() == wanted) {
                    break;
                }
                Key key = Key.of(entry);
                if (shows(key, entry.getString("a"))) {
                    found.put(key.postId(), key.entry());
                }
            }
        }
    }

    private static long newerThan(Key horizon, Map<String, TimelineEntry> found) {
        return found.values().stream()
                .filter(entry -> new Key(entry.createdAt(), entry.postId()).after(horizon))
                .count();
    }

    /**
     * The accounts a user follows, not excluded, as the {@code followerEdges} of the timelines view hold them: one
     * document per follower and followee, {@code _id} {@code "<followeeId>/<followerId>"}.
     */
    private final class Following {

        private final String ownerId;
        private final Collection<String> excludedAuthors;
        private final MongoCollection<Document> edges = readModels.collection(View.TIMELINES, "followerEdges");

        Following(String ownerId, Collection<String> excludedAuthors) {
            this.ownerId = ownerId;
            this.excludedAuthors = excludedAuthors;
        }

        /**
         * Those whose posts are merged in at read time: the few merged accounts, read at most once per {@code
         * shutter.query.merged-accounts-max-age} (an account that just crossed the threshold may have its newest posts
         * missing from its followers' pages for that long), then the user's edges to them, by id.
         */
        Set<String> merged() {
            Set<String> all = mergedAccounts.get(
                    readModels.collection(View.TIMELINES, "merged").getNamespace());
            List<String> edgeIds = all.stream()
                    .filter(id -> !excludedAuthors.contains(id))
                    .map(id -> id + "/" + ownerId)
                    .toList();
            if (edgeIds.isEmpty()) {
                return Set.of();
            }
            Set<String> merged = new HashSet<>();
            edges.find(Filters.in("_id", edgeIds))
                    .projection(Projections.include("followeeId"))
                    .forEach(edge -> merged.add(edge.getString("followeeId")));
            return merged;
        }

        /**
         * Every account followed, {@link #AUTHORS_PER_READ} at a time in order of their ids: one range of the index
         * {@code {followerId, followeeId}} each.
         */
        void forEachBatch(Consumer<List<String>> batch) {
            String after = null;
            while (true) {
                Bson range = after == null
                        ? Filters.eq("followerId", ownerId)
                        : Filters.and(Filters.eq("followerId", ownerId), Filters.gt("followeeId", after));
                List<String> followees = new ArrayList<>();
                edges.find(range)
                        .projection(Projections.fields(Projections.include("followeeId"), Projections.excludeId()))
                        .sort(Sorts.ascending("followeeId"))
                        .limit(AUTHORS_PER_READ)
                        .forEach(edge -> followees.add(edge.getString("followeeId")));
                List<String> shown = followees.stream()
                        .filter(id -> !excludedAuthors.contains(id))
                        .toList();
                if (!shown.isEmpty()) {
                    batch.accept(shown);
                }
                if (followees.size() < AUTHORS_PER_READ) {
                    return;
                }
                after = followees.get(followees.size() - 1);
            }
        }
    }

    private Set<String> readMergedAccounts(MongoNamespace namespace) {
        Set<String> merged = new HashSet<>();
        mongo.getDatabase(namespace.getDatabaseName())
                .getCollection(namespace.getCollectionName())
                .find()
                .projection(Projections.include("_id"))
                .forEach(account -> merged.add(account.getString("_id")));
        return Set.copyOf(merged);
    }

    /**
     * Adds the newest posts of those authors (each author read once per page) that sort after the cursor: the page's
     * {@code wanted} of them, all a page can show, read {@link #AUTHORS_PER_READ} authors at a time.
     */
    private void addPostsOf(
            Collection<String> authorIds, Set<String> read, Map<String, TimelineEntry> found, Key cursor, int wanted) {
        List<String> unread =
                authorIds.stream().filter(id -> !read.contains(id)).toList();
        read.addAll(unread);
        for (int from = 0; from < unread.size(); from += AUTHORS_PER_READ) {
            List<String> batch = unread.subList(from, Math.min(unread.size(), from + AUTHORS_PER_READ));
            newestPosts(batch, cursor, wanted).forEach(post -> found.putIfAbsent(post.postId(), post));
        }
    }

    /**
     * Whether a collection of the current generation exists, which tells its layout: {@code homes} that of one document
     * per user, {@code user} the one document per entry of earlier versions (read until the view is rebuilt). A
     * generation's layout never changes once it has documents, so a positive answer is kept; a negative one is checked
     * again after a second.
     */
    private boolean exists(MongoCollection<Document> collection) {
        MongoNamespace namespace = collection.getNamespace();
        if (laidOut.contains(namespace)) {
            return true;
        }
        Long checkedAt = notLaidOutSince.get(namespace);
        long now = System.nanoTime();
        if (checkedAt != null && now - checkedAt < ABSENT_RECHECK_NANOS) {
            return false;
        }
        boolean exists = false;
        for (String name : mongo.getDatabase(namespace.getDatabaseName()).listCollectionNames()) {
            exists |= name.equals(namespace.getCollectionName());
        }
        if (exists) {
            laidOut.add(namespace);
            notLaidOutSince.remove(namespace);
        } else {
            notLaidOutSince.put(namespace, now);
        }
        return exists;
    }

    /** Timelines still in the one-document-per-entry layout of earlier versions, until the view is rebuilt. */
    private List<TimelineEntry> formerLayout(String collection, Bson owner, String postIdField, PageRequest page) {
        List<Bson> conditions = new ArrayList<>(List.of(owner));
        if (!page.firstPage()) {
            conditions.add(Keyset.after(
                    "createdAt", postIdField, page.after().at(), page.after().id()));
        }
        List<TimelineEntry> entries = new ArrayList<>();
        readModels
                .collection(View.TIMELINES, collection)
                .find(Filters.and(conditions))
                .sort(Keyset.newestFirst("createdAt", postIdField))
                .limit(page.limit() + 1)
                .forEach(entry ->
                        entries.add(new TimelineEntry(entry.getString(postIdField), instant(entry, "createdAt"))));
        return entries;
    }

    record TimelineEntry(String postId, Instant createdAt) {

        Cursor cursor() {
            return new Cursor(createdAt, postId);
        }
    }

    /** The sort key of an entry ({@code t}, {@code p}); a null bound is unbounded. */
    private record Key(Instant at, String postId) {

        static Key of(Document entry) {
            return new Key(entry.get("t", Date.class).toInstant(), entry.getString("p"));
        }

        boolean after(Key other) {
            return other == null || compare(other) > 0;
        }

        boolean before(Key other) {
            return other == null || compare(other) < 0;
        }

        private int compare(Key other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : postId.compareTo(other.postId);
        }

        TimelineEntry entry() {
            return new TimelineEntry(postId, at);
        }
    }
}
