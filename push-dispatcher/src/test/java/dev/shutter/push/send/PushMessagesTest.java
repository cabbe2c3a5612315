package dev.shutter.push.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.push.fcm.Push;
import dev.shutter.push.notify.Notification;
import dev.shutter.push.notify.WorkItem;
import dev.shutter.push.settings.NotificationType;
import dev.shutter.push.text.Texts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushMessagesTest {

    private static final WorkItem.Device PHONE = new WorkItem.Device("token-1", "android");

    @Test
    void carriesTheDeepLinkThePhotoAndTheThreadsCollapseKey() {
        Notification like = new Notification(
                "event-1",
                NotificationType.LIKE,
                "post-1",
                "bob",
                "bob",
                null,
                "https://shutter.test/api/media/m1/small",
                Instant.now());

        Push push = PushMessages.push(like, recipient("en"), PHONE);

        assertThat(push.title()).isEqualTo("New like");
        assertThat(push.body()).isEqualTo("bob liked your post");
        assertThat(push.imageUrl()).isEqualTo("https://shutter.test/api/media/m1/small");
        assertThat(push.data()).isEqualTo(Map.of("type", "like", "postId", "post-1", "actorId", "bob"));
        assertThat(push.collapseKey()).isEqualTo("like:post-1");
    }

    @Test
    void staysUnderFourKilobytesWithTheLongestEmojiCaption() throws Exception {
        Notification post = new Notification(
                "event-1",
                NotificationType.NEW_POST,
                "post-1",
                "alice",
                "a".repeat(30),
                Texts.snippet("🧑‍🤝‍🧑".repeat(2_200 / 5)),
                "https://shutter.test/api/media/" + "m".repeat(100) + "/small",
                Instant.now());

        Push push = PushMessages.push(post, recipient("en"), PHONE);

        assertThat(payloadBytes(push)).isLessThan(4096);
    }

    @Test
    void cutsATooLongBodyWithinItsByteBudgetWithoutSplittingACharacter() {
        String cut = PushMessages.fit("😀".repeat(100), 41);

        assertThat(cut).isEqualTo("😀".repeat(9) + "…");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(41);
        assertThat(PushMessages.fit("short", 41)).isEqualTo("short");
    }

    private static WorkItem.Recipient recipient(String language) {
        return new WorkItem.Recipient("user-1", language, true, List.of(PHONE));
    }

    private static int payloadBytes(Push push) throws Exception {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("title", push.title());
        notification.put("body", push.body());
        notification.put("image", push.imageUrl());
        return new ObjectMapper().writeValueAsBytes(Map.of("notification", notification, "data", push.data())).length;
    }
}
