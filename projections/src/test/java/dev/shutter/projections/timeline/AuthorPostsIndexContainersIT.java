package dev.shutter.projections.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ExplainVerbosity;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * On the MongoDB version Shutter is deployed with: the reads of an author's posts (a profile page, the merge of a
 * home page, a follow's backfill) are range scans of the posts index that stop after the page, with no sort in memory,
 * however many posts the authors have.
 */
@Testcontainers(disabledWithoutDocker = true)
class AuthorPostsIndexContainersIT {

    private static final MongoDBContainer MONGODB = new MongoDBContainer("mongo:7");
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final int PER_AUTHOR = 3_000;

    private static MongoClient client;
    private static MongoCollection<Document> posts;

    @BeforeAll
    static void authorsWithManyPosts() {
        MONGODB.start();
        client = MongoClients.create(MONGODB.getConnectionString());
        new TimelineProjection(new MongoTemplate(client, "timelines"), TimelineSettings.defaults()).createIndexes(1);
        posts = client.getDatabase("timelines").getCollection("posts_g1");
        for (String author : List.of("a0", "a1", "a2")) {
            List<Document> own = new ArrayList<>();
            for (int i = 0; i < PER_AUTHOR; i++) {
                own.add(new Document("_id", author + "-" + i)
                        .append("authorId", author)
                        .append("createdAt", Date.from(T0.plusSeconds(i)))
                        .append("deleted", i % 10 == 0)
                        .append("seq", 0L));
            }
            posts.insertMany(own);
        }
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
        MONGODB.stop();
    }

    @Test
    void aProfilePageIsOneRangeOfTheIndexFromTheCursor() {
        Date cursor = Date.from(T0.plusSeconds(2_000));
        Bson page = Filters.and(
                Filters.eq("authorId", "a1"),
                Filters.eq("deleted", false),
                Filters.lte("createdAt", cursor),
                Filters.or(
                        Filters.lt("createdAt", cursor),
                        Filters.and(Filters.eq("createdAt", cursor), Filters.lt("_id", "a1-2000"))));

        Document stats = executionStats(page, 21);

        // A few more than the page at most: the cursor's own entry and a look ahead, never the author's 3,000.
        assertThat(count(stats, "nReturned")).isEqualTo(21);
        assertThat(count(stats, "totalKeysExamined")).isLessThanOrEqualTo(25);
        assertThat(count(stats, "totalDocsExamined")).isLessThanOrEqualTo(25);
    }

    @Test
    void theNewestPostsOfSeveralAuthorsAreMergedFromTheirRangesInOrder() {
        Bson page = Filters.and(Filters.in("authorId", "a0", "a1", "a2"), Filters.eq("deleted", false));

        Document stats = executionStats(page, 101);

        assertThat(count(stats, "nReturned")).isEqualTo(101);
        assertThat(count(stats, "totalKeysExamined")).isLessThanOrEqualTo(110);
    }

    /** The execution statistics of the read, after checking its plan uses the posts index and sorts nothing. */
    private static Document executionStats(Bson filter, int limit) {
        Document explained = posts.find(filter)
                .sort(Sorts.descending("createdAt", "_id"))
                .limit(limit)
                .explain(ExplainVerbosity.EXECUTION_STATS);
        Document planner = explained.get("queryPlanner", Document.class);
        Object winning = planner.get("winningPlan", Document.class).containsKey("queryPlan")
                ? planner.get("winningPlan", Document.class).get("queryPlan")
                : planner.get("winningPlan");
        List<String> stages = new ArrayList<>();
        collectStages(winning, stages);
        assertThat(stages).as("plan %s", winning).contains("IXSCAN").doesNotContain("SORT", "COLLSCAN");
        return explained.get("executionStats", Document.class);
    }

    private static long count(Document stats, String field) {
        return ((Number) stats.get(field)).longValue();
    }

    private static void collectStages(Object node, List<String> stages) {
        if (node instanceof Document document) {
            if (document.get("stage") instanceof String stage) {
                stages.add(stage);
            }
            document.values().forEach(value -> collectStages(value, stages));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectStages(value, stages));
        }
    }
}
