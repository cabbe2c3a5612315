package dev.shutter.push.notify;

import dev.shutter.events.post.PostPublished;
import java.util.Optional;

/** The text a follower sees on their lock screen. */
record NewPostMessage(String title, String body) {

    static NewPostMessage of(PostPublished post, Optional<String> authorUsername) {
        String author = authorUsername.orElse("Someone you follow");
        int photos = post.mediaIds() == null ? 1 : post.mediaIds().size();
        String what = photos > 1 ? photos + " photos" : "a photo";
        return new NewPostMessage("New post", author + " shared " + what);
    }
}
