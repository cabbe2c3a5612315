package dev.shutter.query.social;

import static dev.shutter.query.config.Documents.instant;

import com.mongodb.client.model.Filters;
import dev.shutter.query.config.Keyset;
import dev.shutter.query.config.ReadModels;
import dev.shutter.query.config.View;
import dev.shutter.query.web.Cursor;
import dev.shutter.query.web.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** Reads of the {@code social} view: active edges of {@code follows_g<N>}, newest first by {@code since}. */
@Component
class FollowEdges {

    private final ReadModels readModels;

    FollowEdges(ReadModels readModels) {
        this.readModels = readModels;
    }

    /** The edges pointing at {@code userId}: its followers, the excluded users left out. */
    List<FollowEdge> followersOf(String userId, PageRequest page, Collection<String> excluded) {
        return activeEdges(Filters.eq("followeeId", userId), "followerId", excluded, page);
    }

    /** The edges leaving {@code userId}: whom it follows, the excluded users left out. */
    List<FollowEdge> followedBy(String userId, PageRequest page, Collection<String> excluded) {
        return activeEdges(Filters.eq("followerId", userId), "followeeId", excluded, page);
    }

    /** Up to {@code limit + 1} edges, the extra one only telling whether another page exists. */
    private List<FollowEdge> activeEdges(Bson side, String otherEnd, Collection<String> excluded, PageRequest page) {
        List<Bson> conditions = new ArrayList<>(List.of(side, Filters.eq("active", true)));
        if (!excluded.isEmpty()) {
            conditions.add(Filters.nin(otherEnd, excluded));
        }
        if (!page.firstPage()) {
            conditions.add(
                    Keyset.after("since", "_id", page.after().at(), page.after().id()));
        }
        List<FollowEdge> edges = new ArrayList<>();
        readModels
                .collection(View.SOCIAL, "follows")
                .find(Filters.and(conditions))
                .sort(Keyset.newestFirst("since", "_id"))
                .limit(page.limit() + 1)
                .forEach(edge -> edges.add(new FollowEdge(
                        edge.getString("_id"),
                        edge.getString("followerId"),
                        edge.getString("followeeId"),
                        instant(edge, "since"))));
        return edges;
    }

    record FollowEdge(String id, String followerId, String followeeId, Instant since) {

        Cursor cursor() {
            return new Cursor(since, id);
        }
    }
}
