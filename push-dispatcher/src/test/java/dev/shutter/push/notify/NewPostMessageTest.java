package dev.shutter.push.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.events.post.PostPublished;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NewPostMessageTest {

    @Test
    void namesTheAuthor() {
        PostPublished post = new PostPublished("p1", "u1", "hello", List.of("m1"), Instant.now());

        assertThat(NewPostMessage.of(post, Optional.of("alice")))
                .isEqualTo(new NewPostMessage("New post", "alice shared a photo"));
    }

    @Test
    void countsThePhotosOfAnAlbum() {
        PostPublished post = new PostPublished("p1", "u1", "hello", List.of("m1", "m2", "m3"), Instant.now());

        assertThat(NewPostMessage.of(post, Optional.of("alice")).body()).isEqualTo("alice shared 3 photos");
    }

    @Test
    void staysPoliteWhenTheAuthorIsUnknown() {
        PostPublished post = new PostPublished("p1", "u1", "hello", List.of("m1"), Instant.now());

        assertThat(NewPostMessage.of(post, Optional.empty()).body()).isEqualTo("Someone you follow shared a photo");
    }
}
