package dev.shutter.media.upload;

import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.platform.PlatformAutoConfiguration;
import dev.shutter.platform.consumer.OrderedConsumer;
import dev.shutter.platform.consumer.OrderedConsumers;
import dev.shutter.platform.wire.WireEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Hears which posts show which photos, which posts were deleted, which photo is each user's avatar, and which users
 * deleted their accounts, from the service's ordered queue ({@code media-uploader}). The platform's consumer decodes
 * each message, retries a failing one in place and parks it with its reason after the last attempt; an event missing
 * what this service needs fails every attempt, so it ends up parked, not looping.
 */
@Component
class PostEventsListener {

    static final String CONSUMER = "media-uploader";
    private static final Logger log = LoggerFactory.getLogger(PostEventsListener.class);

    private final MediaRemoval removal;
    private final OrderedConsumer consumer;

    PostEventsListener(OrderedConsumers consumers, MediaRemoval removal) {
        this.removal = removal;
        this.consumer = consumers.create(CONSUMER, this::handle);
    }

    @RabbitListener(
            id = "media-uploader-post-events",
            queues = "#{eventsTopology.queue(T(dev.shutter.events.AmqpTopology).MEDIA_UPLOADER_QUEUE)}",
            containerFactory = PlatformAutoConfiguration.ORDERED_CONTAINER_FACTORY)
    void onMessage(Message message) throws InterruptedException {
        consumer.onMessage(message);
    }

    private void handle(WireEvent event) {
        Record payload = event.payload();
        if (payload instanceof PostPublished post) {
            on(post);
        } else if (payload instanceof PostDeleted post) {
            on(post);
        } else if (payload instanceof ProfileUpdated profile) {
            on(profile);
        } else if (payload instanceof UserDeleted user) {
            on(user);
        } else {
            log.debug(
                    "Ignored {}: not an event this service handles",
                    payload.getClass().getSimpleName());
        }
    }

    private void on(PostPublished post) {
        require(post.postId() != null && post.authorId() != null && post.mediaIds() != null, post);
        removal.on(post);
    }

    private void on(PostDeleted post) {
        require(post.postId() != null && post.deletedAt() != null, post);
        removal.on(post);
    }

    private void on(ProfileUpdated profile) {
        require(profile.userId() != null, profile);
        removal.on(profile);
    }

    private void on(UserDeleted user) {
        require(user.userId() != null && user.deletedAt() != null, user);
        removal.on(user);
    }

    private static void require(boolean complete, Record event) {
        if (!complete) {
            throw new IncompleteEventException(event);
        }
    }

    /** An event without a field this service needs: no retry can help, so it is parked after its attempts. */
    static final class IncompleteEventException extends IllegalArgumentException {

        IncompleteEventException(Record event) {
            super("incomplete " + event.getClass().getSimpleName() + ": " + event);
        }
    }
}
