package dev.shutter.projections.timeline;

import static dev.shutter.projections.support.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UserSignedIn;
import dev.shutter.projections.support.HomeTimeline;
import dev.shutter.projections.support.InMemoryMongo;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An author with thousands of posts: nothing in the timelines view grows with them, and what reads them (a follow's
 * backfill, the regeneration of a returning user's home) reads no more than a home keeps.
 */
class ProlificAuthorTest {

    private static final int POSTS = 3_000;
    private static final long MAX_DOCUMENT_BYTES = 64 * 1024;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final TimelineSettings SETTINGS = TimelineSettings.defaults();

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    /** Documents the view's posts collection answered with, every find and getMore counted. */
    private static final AtomicLong POSTS_READ = new AtomicLong();

    private static MongoClient client;
    private static MongoTemplate template;
    private static TimelineProjection projection;
    private static long readByBackfill;
    private static long readByRegeneration;

    @BeforeAll
    static void anAuthorPostsThreeThousandTimes() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.uri()))
                .addCommandListener(new PostsRead())
                .build());
        client.getDatabase("timelines").drop();
        template = new MongoTemplate(client, "timelines");
        projection = new TimelineProjection(template, SETTINGS);
        projection.createIndexes(1);

        apply(envelope("ava", 0, registered("ava", T0)));
        apply(envelope("fred", 0, registered("fred", T0)));
        apply(envelope("rita", 0, registered("rita", T0)));
        apply(follow("fred", "ava"));
        apply(follow("rita", "ava"));
        // Fred signs in every day and receives every post; Rita is away after the first month and is skipped.
        for (int i = 0; i < POSTS; i++) {
            Instant at = T0.plus(Duration.ofMinutes(30L * i));
            if (i % 48 == 0) {
                apply(envelope("fred", 1 + i, new UserSignedIn("fred", at)));
            }
            apply(envelope("p" + i, 0, new PostPublished("p" + i, "ava", "caption " + i, List.of("m" + i), at)));
        }
        Instant after = T0.plus(Duration.ofMinutes(30L * POSTS));

        apply(envelope("nina", 0, registered("nina", after)));
        long before = POSTS_READ.get();
        apply(follow("nina", "ava"));
        readByBackfill = POSTS_READ.get() - before;

        before = POSTS_READ.get();
        apply(envelope("rita", 1, new UserSignedIn("rita", after)));
        readByRegeneration = POSTS_READ.get() - before;
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void noDocumentOfTheTimelinesViewGrowsWithTheAuthorsPosts() {
        MongoDatabase timelines = client.getDatabase("timelines");
        long largest = 0;
        String where = null;
        for (String collection : timelines.listCollectionNames()) {
            for (RawBsonDocument document :
                    timelines.getCollection(collection, RawBsonDocument.class).find()) {
                int size = document.getByteBuffer().remaining();
                if (size > largest) {
                    largest = size;
                    where = collection + "/" + document.get("_id");
                }
            }
        }

        assertThat(largest).as("largest document, %s", where).isLessThan(MAX_DOCUMENT_BYTES);
        assertThat(timelines.listCollectionNames().into(new ArrayList<>())).doesNotContain("authors_g1");
    }

    @Test
    void aFollowBringsTheNewestPostsReadingOnlyThose() {
        int perFollow = SETTINGS.postsOnFollow();

        assertThat(HomeTimeline.ids(template, 1, "nina")).containsExactlyElementsOf(newest(perFollow));
        assertThat(horizonOf("nina")).isEqualTo("p" + (POSTS - perFollow - 1));
        assertThat(readByBackfill).isEqualTo(perFollow + 1);
    }

    @Test
    void aReturningUsersHomeIsRegeneratedReadingOnlyWhatItTakes() {
        int perFollow = SETTINGS.postsOnFollow();

        assertThat(HomeTimeline.ids(template, 1, "rita")).containsExactlyElementsOf(newest(perFollow));
        assertThat(readByRegeneration).isEqualTo(perFollow + 1);
    }

    @Test
    void aFollowerWhoReceivedEveryPostKeepsTheNewestUpToTheCap() {
        List<String> home = HomeTimeline.ids(template, 1, "fred");

        assertThat(home).hasSizeLessThanOrEqualTo(SETTINGS.homeCap());
        assertThat(home).containsExactlyElementsOf(newest(home.size()));
        assertThat(home.size()).isGreaterThan(SETTINGS.homeCap() / 2);
    }

    private static List<String> newest(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = POSTS - 1; i >= POSTS - count; i--) {
            ids.add("p" + i);
        }
        return ids;
    }

    private static String horizonOf(String owner) {
        Document home = template.findById(owner, Document.class, "homes_g1");
        return home.get("horizon", Document.class).getString("p");
    }

    private static void apply(EventEnvelope event) {
        projection.apply(event, 1);
    }

    private static UserRegistered registered(String userId, Instant at) {
        return new UserRegistered(userId, userId, userId + "@example.com", userId, at);
    }

    private static EventEnvelope follow(String follower, String followee) {
        String followId = follower + ":" + followee;
        return envelope(followId, 0, new UserFollowed(followId, follower, followee, T0));
    }

    /** Counts the documents each find or getMore on {@code posts_g1} answers with. */
    private static final class PostsRead implements CommandListener {

        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
            BsonDocument response = event.getResponse();
            if (!response.containsKey("cursor")) {
                return;
            }
            BsonDocument cursor = response.getDocument("cursor");
            if (!cursor.getString("ns").getValue().equals("timelines.posts_g1")) {
                return;
            }
            for (String batch : List.of("firstBatch", "nextBatch")) {
                if (cursor.get(batch) instanceof BsonArray documents) {
                    POSTS_READ.addAndGet(documents.size());
                }
            }
        }
    }
}
