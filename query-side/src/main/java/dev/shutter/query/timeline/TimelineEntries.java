package dev.shutter.query.timeline;

import static dev.shutter.query.config.Documents.instant;

import com.mongodb.client.model.Filters;
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
 * Reads of the {@code timelines} view: {@code home_g<N>} (keyed by owner, sorted by createdAt then postId) and
 * {@code user_g<N>} (keyed by author, sorted by createdAt then _id = postId). Each returns up to {@code limit + 1}
 * entries, the extra one only telling whether another page exists.
 */
@Component
class TimelineEntries {

    private final ReadModels readModels;

    TimelineEntries(ReadModels readModels) {
        this.readModels = readModels;
    }

    List<TimelineEntry> home(String ownerId, PageRequest page) {
        return entries("home", Filters.eq("ownerId", ownerId), "postId", page);
    }

    List<TimelineEntry> byAuthor(String authorId, PageRequest page) {
        return entries("user", Filters.eq("authorId", authorId), "_id", page);
    }

    private List<TimelineEntry> entries(String collection, Bson owner, String postIdField, PageRequest page) {
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
}
