package dev.shutter.push.post;

import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import org.springframework.stereotype.Component;

/** Keeps the author and first photo of every post, and forgets deleted posts. */
@Component
class PostEventsHandler implements ReadModelHandler {

    private final Posts posts;

    PostEventsHandler(Posts posts) {
        this.posts = posts;
    }

    @Override
    public void apply(StoredEvent event, int generation) {
        if (event.payload() instanceof PostPublished published) {
            posts.published(published.postId(), published.authorId(), published.mediaIds(), generation);
        } else if (event.payload() instanceof PostDeleted deleted) {
            posts.deleted(deleted.postId(), deleted.authorId(), generation);
        }
    }
}
