package dev.shutter.media.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import java.io.IOException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Hears which posts show which photos, which posts were deleted and which photo is each user's
 * avatar, and which users deleted their accounts. A message that is no readable event of those goes to the dead-letter queue; a failing
 * store or broker gets it redelivered.
 */
@Component
class PostEventsListener {

    private final ObjectMapper objectMapper;
    private final MediaRemoval removal;

    PostEventsListener(ObjectMapper objectMapper, MediaRemoval removal) {
        this.objectMapper = objectMapper;
        this.removal = removal;
    }

    @RabbitListener(
            id = "media-uploader-post-events",
            queues = "${shutter.amqp.queue:" + AmqpTopology.MEDIA_UPLOADER_QUEUE + "}",
            containerFactory = "postEventsListenerContainerFactory")
    void onMessage(Message message) {
        String type = String.valueOf(message.getMessageProperties().getHeaders().get(WireHeaders.MESSAGE_TYPE));
        if (PostPublished.class.getName().equals(type)) {
            PostPublished post = read(message, PostPublished.class);
            if (post.postId() == null || post.authorId() == null || post.mediaIds() == null) {
                throw new AmqpRejectAndDontRequeueException("Incomplete PostPublished message");
            }
            removal.on(post);
        } else if (PostDeleted.class.getName().equals(type)) {
            PostDeleted post = read(message, PostDeleted.class);
            if (post.postId() == null || post.deletedAt() == null) {
                throw new AmqpRejectAndDontRequeueException("Incomplete PostDeleted message");
            }
            removal.on(post);
        } else if (ProfileUpdated.class.getName().equals(type)) {
            ProfileUpdated profile = read(message, ProfileUpdated.class);
            if (profile.userId() == null) {
                throw new AmqpRejectAndDontRequeueException("Incomplete ProfileUpdated message");
            }
            removal.on(profile);
        } else if (UserDeleted.class.getName().equals(type)) {
            UserDeleted user = read(message, UserDeleted.class);
            if (user.userId() == null || user.deletedAt() == null) {
                throw new AmqpRejectAndDontRequeueException("Incomplete UserDeleted message");
            }
            removal.on(user);
        } else {
            throw new AmqpRejectAndDontRequeueException("Not an event this service handles: " + type);
        }
    }

    private <T> T read(Message message, Class<T> type) {
        try {
            return objectMapper.readValue(message.getBody(), type);
        } catch (IOException e) {
            throw new AmqpRejectAndDontRequeueException("Unreadable " + type.getSimpleName() + " message", e);
        }
    }
}
