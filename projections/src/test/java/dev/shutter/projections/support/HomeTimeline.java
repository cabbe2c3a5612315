package dev.shutter.projections.support;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Reads a user's home timeline from the timelines view as a reader sees it: head, tail and arrivals together. */
public final class HomeTimeline {

    private static final Comparator<Document> NEWEST_FIRST = Comparator.<Document, Date>comparing(
                    entry -> entry.getDate("t"))
            .thenComparing(entry -> entry.getString("p"))
            .reversed();

    private HomeTimeline() {}

    /** The entries ({@code p}, {@code a}, {@code t}), newest first. */
    public static List<Document> entries(MongoTemplate timelines, int generation, String owner) {
        List<Document> all = new ArrayList<>();
        for (String collection : List.of("homes_g" + generation, "homeTails_g" + generation)) {
            Document part = timelines.findById(owner, Document.class, collection);
            if (part != null) {
                all.addAll(part.getList("entries", Document.class, List.of()));
            }
        }
        for (Document arrival :
                timelines.find(query(where("o").is(owner)), Document.class, "homeArrivals_g" + generation)) {
            all.add(new Document("p", arrival.getString("p"))
                    .append("a", arrival.getString("a"))
                    .append("t", arrival.getDate("t")));
        }
        all.sort(NEWEST_FIRST);
        return all;
    }

    /** The post ids, newest first. */
    public static List<String> ids(MongoTemplate timelines, int generation, String owner) {
        return entries(timelines, generation, owner).stream()
                .map(entry -> entry.getString("p"))
                .toList();
    }
}
