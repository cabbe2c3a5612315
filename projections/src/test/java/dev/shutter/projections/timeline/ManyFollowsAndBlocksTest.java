package dev.shutter.projections.timeline;

import static dev.shutter.projections.support.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.shutter.devstack.infra.Mongo;
import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UserSignedIn;
import dev.shutter.projections.support.HomeTimeline;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A user who follows 3,000 accounts and blocks 1,000 of them: the accounts followed and the blocks are one document
 * each, so no document of the timelines view grows with them, and the home timeline holds exactly the posts of the
 * accounts still followed, also when it is regenerated from them.
 */
class ManyFollowsAndBlocksTest {

    private static final int FOLLOWED = 3_000;
    private static final int BLOCKED = 1_000;
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    private static Mongo server;
    private static MongoClient client;
    private static String database;

    @BeforeAll
    static void start() {
        // Answers through the indexes the view declares, as MongoDB does.
        server = Mongo.start(null);
        client = MongoClients.create(server.uri());
        database = "timelines_" + UUID.randomUUID().toString().replace("-", "");
    }

    @AfterAll
    static void stop() {
        client.getDatabase(database).drop();
        client.close();
        server.close();
    }

    @Test
    void aUserFollowingThousandsAndBlockingAThousandHasNoLargeDocumentAndReadsTheirHome() {
        MongoTemplate timelines = new MongoTemplate(client, database);
        TimelineProjection projection = new TimelineProjection(timelines, TimelineSettings.defaults());
        projection.createIndexes(1);
        String owner = UUID.randomUUID().toString();
        apply(projection, envelope(owner, 0, new UserRegistered(owner, "owner", "owner@example.com", "Owner", T0)));

        // Every fifth account posts once: half of them before the follow (brought in), half after (fanned out).
        List<String> accounts = new ArrayList<>();
        Map<String, String> postOf = new HashMap<>();
        for (int i = 0; i < FOLLOWED; i++) {
            String account = UUID.randomUUID().toString();
            accounts.add(account);
            if (i % 10 == 0) {
                postOf.put(account, publish(projection, account, i));
            }
            String followId = owner + ":" + account;
            apply(projection, envelope(followId, 0, new UserFollowed(followId, owner, account, T0)));
        }
        for (int i = 5; i < FOLLOWED; i += 10) {
            postOf.put(accounts.get(i), publish(projection, accounts.get(i), i));
        }
        // The last thousand accounts followed are blocked (and blocked again: a redelivery changes nothing).
        for (int i = FOLLOWED - BLOCKED; i < FOLLOWED; i++) {
            String blockId = owner + ">" + accounts.get(i);
            EventEnvelope block = envelope(blockId, 0, new UserBlocked(blockId, owner, accounts.get(i), T0));
            apply(projection, block);
            apply(projection, block);
        }
        // A late follow of a blocked account is not taken in.
        String late = accounts.get(FOLLOWED - 1);
        apply(projection, envelope(owner + ":" + late, 1, new UserFollowed(owner + ":" + late, owner, late, T0)));

        List<String> expected = new ArrayList<>();
        for (int i = FOLLOWED - BLOCKED - 1; i >= 0; i--) {
            if (postOf.containsKey(accounts.get(i))) {
                expected.add(postOf.get(accounts.get(i)));
            }
        }
        assertThat(largestDocument()).isLessThanOrEqualTo(MAX_DOCUMENT_BYTES);
        assertThat(HomeTimeline.ids(timelines, 1, owner)).containsExactlyElementsOf(expected);

        // Back after a long absence: the home is regenerated from the accounts still followed, read in batches.
        Instant back = T0.plus(Duration.ofDays(60));
        apply(projection, envelope(owner, 1, new UserSignedIn(owner, back)));

        assertThat(largestDocument()).isLessThanOrEqualTo(MAX_DOCUMENT_BYTES);
        assertThat(HomeTimeline.ids(timelines, 1, owner)).containsExactlyElementsOf(expected);
    }

    /** The account's post, {@code minute} minutes after T0; answers its id. */
    private static String publish(TimelineProjection projection, String account, int minute) {
        String postId = UUID.randomUUID().toString();
        apply(
                projection,
                envelope(
                        postId,
                        0,
                        new PostPublished(
                                postId, account, "caption", List.of("m-" + postId), T0.plusSeconds(60L * minute))));
        return postId;
    }

    private static void apply(TimelineProjection projection, EventEnvelope event) {
        projection.apply(event, 1);
    }

    /** The BSON size of the largest document in the timelines database. */
    private static int largestDocument() {
        MongoDatabase timelines = client.getDatabase(database);
        int largest = 0;
        for (String collection : timelines.listCollectionNames()) {
            for (RawBsonDocument document :
                    timelines.getCollection(collection, RawBsonDocument.class).find()) {
                largest = Math.max(largest, document.getByteBuffer().remaining());
            }
        }
        return largest;
    }
}
