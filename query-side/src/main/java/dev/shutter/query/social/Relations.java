package dev.shutter.query.social;

import static dev.shutter.query.config.Documents.instant;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.shutter.query.config.Keyset;
import dev.shutter.query.config.ReadModels;
import dev.shutter.query.config.View;
import dev.shutter.query.web.Cursor;
import dev.shutter.query.web.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Reads of the {@code social} view for the owner of an account: the follow requests waiting for them ({@code
 * follows_g<N>} with {@code pending}, newest first by {@code requestedAt}) and the users they blocked ({@code
 * blocks_g<N>}, newest first by {@code since}). Each returns up to {@code limit + 1} items in one query, the extra
 * one only telling whether another page exists.
 */
@Component
class Relations {

    private final ReadModels readModels;

    Relations(ReadModels readModels) {
        this.readModels = readModels;
    }

    List<Relation> requestsTo(String ownerId, PageRequest page) {
        return newestFirst(
                "follows",
                Filters.and(Filters.eq("followeeId", ownerId), Filters.eq("pending", true)),
                "followerId",
                "requestedAt",
                page);
    }

    List<Relation> blockedBy(String blockerId, PageRequest page) {
        return newestFirst(
                "blocks",
                Filters.and(Filters.eq("blockerId", blockerId), Filters.eq("active", true)),
                "blockedId",
                "since",
                page);
    }

    private List<Relation> newestFirst(
            String collection, Bson condition, String otherUser, String timeField, PageRequest page) {
        List<Bson> conditions = new ArrayList<>(List.of(condition));
        if (!page.firstPage()) {
            conditions.add(Keyset.after(
                    timeField, "_id", page.after().at(), page.after().id()));
        }
        List<Relation> relations = new ArrayList<>();
        readModels
                .collection(View.SOCIAL, collection)
                .find(Filters.and(conditions))
                .projection(Projections.include(otherUser, timeField))
                .sort(Keyset.newestFirst(timeField, "_id"))
                .limit(page.limit() + 1)
                .forEach(document -> relations.add(new Relation(
                        document.getString("_id"), document.getString(otherUser), instant(document, timeField))));
        return relations;
    }

    /** A request or a block: its id, the user at the other end and since when it stands. */
    record Relation(String id, String userId, Instant at) {

        Cursor cursor() {
            return new Cursor(at, id);
        }
    }
}
