package dev.shutter.push.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.devstack.infra.FcmMessage;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.push.testing.PushDispatcherIntegrationTest;
import dev.shutter.push.testing.PushTestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An account with many followers and a user with 25 devices, through the live consumer. The number of followers is
 * {@code -Dshutter.scale.followers} (2,000 by default). The devices arrive as the command side emits them under its
 * cap of 20: from the 21st on, each registration follows the removal of the device registered longest ago.
 */
class ManyFollowersPushIT extends PushDispatcherIntegrationTest {

    private static final int FOLLOWERS = Integer.getInteger("shutter.scale.followers", 2_000);
    private static final int DEVICES = 25;
    private static final int MAX_DEVICES = 20;
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    private static final PushTestInfrastructure INFRA =
            new PushTestInfrastructure("scale-" + UUID.randomUUID().toString().substring(0, 8));
    private static final FakeFcm FCM = FakeFcm.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry, FCM);
    }

    @Override
    protected PushTestInfrastructure infra() {
        return INFRA;
    }

    @Override
    protected FakeFcm fcm() {
        return FCM;
    }

    @Test
    void everyFollowerIsKeptAndTheNewestDevicesReceiveThePushWithNoLargeDocument() {
        String author = events.userRegistered("star");
        Set<String> followers = new HashSet<>();
        long began = System.nanoTime();
        for (int i = 0; i < FOLLOWERS; i++) {
            String follower = events.userRegistered("fan" + i);
            events.followed(follower, author);
            followers.add(follower);
        }
        String owner = events.userRegistered("many-phones");
        events.followed(owner, author);
        followers.add(owner);
        List<String> tokens = IntStream.rangeClosed(1, DEVICES)
                .mapToObj(n -> "phone-" + n + "-" + UUID.randomUUID())
                .toList();
        for (int n = 0; n < DEVICES; n++) {
            if (n >= MAX_DEVICES) {
                events.deviceRemoved(owner, tokens.get(n - MAX_DEVICES));
            }
            events.deviceRegistered(owner, tokens.get(n));
        }
        // The registration of the first phone, delivered again after its removal, brings nothing back.
        events.redeliver(registrationOf(owner, tokens.get(0)));
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> followerIds(author).size() == followers.size());
        double seconds = (System.nanoTime() - began) / 1e9;
        awaitEverythingPublishedSoFarIsHandled();
        System.out.printf(
                "push-dispatcher: %,d followers (%,d events) applied in %.1f s (%.0f events/s)%n",
                followers.size(), 2 * followers.size(), seconds, 2 * followers.size() / seconds);

        events.postPublished(author, UUID.randomUUID().toString());
        List<String> newest = tokens.subList(DEVICES - MAX_DEVICES, DEVICES);
        await().atMost(Duration.ofMinutes(2)).until(() -> newPostsTo(newest).size() == MAX_DEVICES);

        assertThat(followerIds(author)).isEqualTo(followers);
        assertThat(mongo.find(Query.query(Criteria.where("userId").is(owner)), Document.class, "devices"))
                .extracting(device -> device.getString("_id"))
                .containsExactlyInAnyOrderElementsOf(newest);
        assertThat(newPostsTo(tokens)).extracting(FcmMessage::token).containsExactlyInAnyOrderElementsOf(newest);
        assertThat(largestDocuments()).allSatisfy((collection, bytes) -> assertThat(bytes)
                .as("largest document of %s", collection)
                .isLessThanOrEqualTo(MAX_DOCUMENT_BYTES));
    }

    private Set<String> followerIds(String followee) {
        Set<String> ids = new HashSet<>();
        mongo.find(
                        Query.query(Criteria.where("followeeId")
                                .is(followee)
                                .and("active")
                                .is(true)),
                        Document.class,
                        "follows")
                .forEach(edge -> ids.add(edge.getString("followerId")));
        return ids;
    }

    private List<FcmMessage> newPostsTo(List<String> tokens) {
        return messagesTo(tokens).stream()
                .filter(message -> "new_post".equals(message.data().get("type")))
                .toList();
    }

    private Message registrationOf(String userId, String token) {
        return events.messagesOf(userId).stream()
                .filter(message -> DeviceRegistered.class
                        .getName()
                        .equals(message.getMessageProperties().getHeader(WireHeaders.MESSAGE_TYPE)))
                .filter(message -> new String(message.getBody(), StandardCharsets.UTF_8).contains(token))
                .findFirst()
                .orElseThrow();
    }

    /** The BSON size of the largest document of every collection of this run's database. */
    private Map<String, Integer> largestDocuments() {
        Map<String, Integer> largest = new HashMap<>();
        for (String collection : new ArrayList<>(mongo.getCollectionNames())) {
            int max = 0;
            for (RawBsonDocument document : mongo.getDb()
                    .getCollection(collection, RawBsonDocument.class)
                    .find()) {
                max = Math.max(max, document.getByteBuffer().remaining());
            }
            largest.put(collection, max);
        }
        System.out.println("Largest document per collection (bytes): " + largest);
        return largest;
    }
}
