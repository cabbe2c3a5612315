package dev.shutter.push.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.push.testing.PushDispatcherIntegrationTest;
import dev.shutter.push.testing.PushTestInfrastructure;
import dev.shutter.push.wire.StoredEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ReadModelRebuildIT extends PushDispatcherIntegrationTest {

    private static final PushTestInfrastructure INFRA =
            new PushTestInfrastructure("rebuild-" + UUID.randomUUID().toString().substring(0, 8));
    private static final FakeFcm FCM = FakeFcm.start();
    private static final List<String> SIDE_EFFECTS = List.of("sent_pushes", "inbox_groups", "inbox_actors");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry, FCM);
    }

    @Autowired
    private ReadModelRebuild rebuild;

    @Override
    protected PushTestInfrastructure infra() {
        return INFRA;
    }

    @Override
    protected FakeFcm fcm() {
        return FCM;
    }

    @Test
    void aRebuildRecreatesTheReadModelAndSendsNothing() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String carol = events.userRegistered("carol");
        String bobsPhone = events.deviceRegistered(bob);
        String carolsTablet = events.deviceRegistered(carol);
        events.deviceRegistered(alice);
        events.followed(bob, alice);
        events.followed(carol, alice);
        events.unfollowed(carol, alice);
        events.deviceRemoved(carol, carolsTablet);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "hello", "photo-1");
        events.liked(bob, postId);
        events.commented(bob, postId, "nice");
        events.postPublished(alice, UUID.randomUUID().toString(), "gone", "photo-2");
        awaitEverythingPublishedSoFarIsHandled();
        List<StoredEvent> history = events.history();
        Map<String, List<Document>> liveBuilt = snapshot(ReadModelRebuild.COLLECTIONS);
        Map<String, List<Document>> sideEffects = snapshot(SIDE_EFFECTS);
        int messagesBefore = FCM.messages().size();
        long requestsBefore = FCM.requests();

        rebuild.rebuild(history);

        assertThat(snapshot(ReadModelRebuild.COLLECTIONS)).isEqualTo(liveBuilt);
        assertThat(liveBuilt.get("devices")).extracting(d -> d.getString("_id")).contains(bobsPhone);
        assertThat(liveBuilt.get("follows")).hasSize(3);
        assertThat(snapshot(SIDE_EFFECTS)).isEqualTo(sideEffects);
        awaitEverythingPublishedSoFarIsHandled();
        // Only the marker's own push went out after the rebuild: nothing was sent again.
        assertThat(FCM.requests()).isEqualTo(requestsBefore + 1);
        assertThat(FCM.messages()).hasSize(messagesBefore + 1);
    }

    private Map<String, List<Document>> snapshot(List<String> collections) {
        return collections.stream()
                .collect(Collectors.toMap(
                        collection -> collection, collection -> mongo.findAll(Document.class, collection).stream()
                                .sorted(Comparator.comparing(document -> String.valueOf(document.get("_id"))))
                                .toList()));
    }
}
