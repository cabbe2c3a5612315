package dev.shutter.push.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.push.settings.NotificationType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void pushesAboutTheSameThreadShareACollapseKey() {
        assertThat(of(NotificationType.LIKE, "p1").collapseKey()).isEqualTo("like:p1");
        assertThat(of(NotificationType.COMMENT, "p1").collapseKey()).isEqualTo("comment:p1");
        assertThat(of(NotificationType.MENTION, "p1").collapseKey()).isEqualTo("mention:p1");
        assertThat(of(NotificationType.NEW_POST, "p1").collapseKey()).isEqualTo("post:p1");
        assertThat(of(NotificationType.NEW_FOLLOWER, null).collapseKey()).isEqualTo("follower");
        assertThat(of(NotificationType.LIKE, "p1").collapseKey())
                .isNotEqualTo(of(NotificationType.LIKE, "p2").collapseKey());
    }

    private static Notification of(NotificationType type, String postId) {
        return new Notification("e1", type, postId, "a1", "alice", null, null, Instant.now());
    }
}
