package dev.shutter.command.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaStored;
import java.io.IOException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Learns from media-uploader which photos exist. A message that is not a readable
 * {@code MediaStored} goes to the dead-letter queue; a failing write is retried.
 */
@Component
class MediaStoredListener {

    private final ObjectMapper objectMapper;
    private final StoredMedia storedMedia;

    MediaStoredListener(ObjectMapper objectMapper, StoredMedia storedMedia) {
        this.objectMapper = objectMapper;
        this.storedMedia = storedMedia;
    }

    @RabbitListener(queues = "#{mediaQueue.name}", concurrency = "1")
    void onMessage(Message message) {
        storedMedia.record(parse(message));
    }

    private MediaStored parse(Message message) {
        Object type = message.getMessageProperties().getHeaders().get(WireHeaders.MESSAGE_TYPE);
        if (!MediaStored.class.getName().equals(String.valueOf(type))) {
            throw new AmqpRejectAndDontRequeueException("Not a MediaStored message: " + type);
        }
        try {
            MediaStored media = objectMapper.readValue(message.getBody(), MediaStored.class);
            if (media.mediaId() == null || media.ownerId() == null || media.storedAt() == null) {
                throw new AmqpRejectAndDontRequeueException("Incomplete MediaStored message");
            }
            return media;
        } catch (IOException e) {
            throw new AmqpRejectAndDontRequeueException("Unreadable MediaStored message", e);
        }
    }
}
