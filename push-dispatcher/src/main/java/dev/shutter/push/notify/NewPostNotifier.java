package dev.shutter.push.notify;

import dev.shutter.events.post.PostPublished;
import dev.shutter.push.fcm.Push;
import dev.shutter.push.fcm.PushDelivery;
import dev.shutter.push.follow.FollowEdges;
import dev.shutter.push.user.Devices;
import dev.shutter.push.user.Users;
import dev.shutter.push.wire.LiveEvent;
import dev.shutter.push.wire.LiveEventHandler;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the author's followers about a new post, on every device they registered. It sends pushes,
 * so it only ever sees live deliveries ({@link LiveEvent}), never a replay of past events.
 */
@Component
class NewPostNotifier implements LiveEventHandler {

    private static final Logger log = LoggerFactory.getLogger(NewPostNotifier.class);

    private final FollowEdges follows;
    private final Users users;
    private final Devices devices;
    private final PushDelivery delivery;

    NewPostNotifier(FollowEdges follows, Users users, Devices devices, PushDelivery delivery) {
        this.follows = follows;
        this.users = users;
        this.devices = devices;
        this.delivery = delivery;
    }

    @Override
    public void on(LiveEvent event) {
        if (!(event.payload() instanceof PostPublished post)) {
            return;
        }
        String authorId = post.authorId();
        List<String> followers = follows.activeFollowersOf(authorId).stream()
                .filter(follower -> !follower.equals(authorId))
                .toList();
        if (followers.isEmpty()) {
            return;
        }
        NewPostMessage message = NewPostMessage.of(post, users.usernameOf(authorId));
        List<Push> pushes = devices.ofUsers(followers).stream()
                .filter(device -> !device.userId().equals(authorId))
                .map(device -> new Push(
                        device.token(),
                        device.userId(),
                        message.title(),
                        message.body(),
                        Map.of("type", "post", "postId", post.postId(), "actorId", authorId)))
                .toList();
        int sent = delivery.deliver(event.eventId(), pushes, dead -> devices.remove(dead.userId(), dead.token()));
        log.debug("Post {}: {} pushes sent to {} followers' devices", post.postId(), sent, pushes.size());
    }
}
