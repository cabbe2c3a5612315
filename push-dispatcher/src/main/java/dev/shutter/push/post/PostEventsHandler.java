package dev.shutter.push.post;

import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.push.user.Users;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps the author and first photo of every post, and forgets deleted posts. A caption erased with its author's key
 * does not matter here (the caption is not kept). {@code UserDeleted} turns the user's posts into tombstones without
 * author; a post event of a deleted author that arrives later is dropped.
 */
@Component
class PostEventsHandler implements ReadModelHandler {

    private final Posts posts;
    private final Users users;

    PostEventsHandler(Posts posts, Users users) {
        this.posts = posts;
        this.users = users;
    }

    @Override
    public void apply(StoredEvent event, int generation) {
        if (event.payload() instanceof UserDeleted deleted) {
            posts.forgetAuthor(deleted.userId(), generation);
        } else if (event.payload() instanceof PostPublished published) {
            if (!users.anyDeleted(List.of(published.authorId()), generation)) {
                posts.published(published.postId(), published.authorId(), published.mediaIds(), generation);
            }
        } else if (event.payload() instanceof PostDeleted deleted) {
            boolean authorGone = users.anyDeleted(List.of(deleted.authorId()), generation);
            posts.deleted(deleted.postId(), authorGone ? null : deleted.authorId(), generation);
        }
    }
}
