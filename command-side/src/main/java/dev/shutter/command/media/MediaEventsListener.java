package dev.shutter.command.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaRejected;
import dev.shutter.events.media.MediaStored;
import java.io.IOException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Learns from media-uploader which photos exist, which uploads were rejected and which photos
 * were deleted. A message that is no readable media event goes to the dead-letter queue; a
 * failing write is retried.
 */
@Component
class MediaEventsListener {

    private final ObjectMapper objectMapper;
    private final StoredMedia storedMedia;

    MediaEventsListener(ObjectMapper objectMapper, StoredMedia storedMedia) {
        this.objectMapper = objectMapper;
        this.storedMedia = storedMedia;
    }

    @RabbitListener(
            queues = "#{eventsTopology.queue(T(dev.shutter.events.AmqpTopology).COMMAND_SIDE_MEDIA_QUEUE)}",
            concurrency = "1")
    void onMessage(Message message) {
        String type = String.valueOf(message.getMessageProperties().getHeaders().get(WireHeaders.MESSAGE_TYPE));
        if (MediaStored.class.getName().equals(type)) {
            MediaStored media = read(message, MediaStored.class);
            require(media.mediaId() != null && media.ownerId() != null && media.storedAt() != null, type);
            storedMedia.record(media);
        } else if (MediaRejected.class.getName().equals(type)) {
            MediaRejected media = read(message, MediaRejected.class);
            require(media.mediaId() != null && media.ownerId() != null && media.rejectedAt() != null, type);
            storedMedia.reject(media);
        } else if (MediaDeleted.class.getName().equals(type)) {
            MediaDeleted media = read(message, MediaDeleted.class);
            require(media.mediaId() != null && media.ownerId() != null && media.deletedAt() != null, type);
            storedMedia.delete(media);
        } else {
            throw new AmqpRejectAndDontRequeueException("Not a media event: " + type);
        }
    }

    private <T> T read(Message message, Class<T> type) {
        try {
            return objectMapper.readValue(message.getBody(), type);
        } catch (IOException e) {
            throw new AmqpRejectAndDontRequeueException("Unreadable " + type.getSimpleName() + " message", e);
        }
    }

    private static void require(boolean complete, String type) {
        if (!complete) {
            throw new AmqpRejectAndDontRequeueException("Incomplete " + type + " message");
        }
    }
}
