package dev.shutter.command.media;

import dev.shutter.command.IncompleteMessageException;
import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaRejected;
import dev.shutter.events.media.MediaStored;
import dev.shutter.platform.PlatformAutoConfiguration;
import dev.shutter.platform.consumer.OrderedConsumer;
import dev.shutter.platform.consumer.OrderedConsumers;
import dev.shutter.platform.wire.WireEvent;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Learns from media-uploader which photos exist, which uploads were rejected and which photos were deleted, in order
 * per photo. A message that is no media event, or one that lacks what the command side needs, is parked in the
 * dead letters of {@code command-side.media} (admin API: {@code /api/admin/consumers/command-side.media}); a failing
 * write is retried in place.
 */
@Component
class MediaEventsListener {

    static final String CONSUMER = "command-side.media";

    private final StoredMedia storedMedia;
    private final OrderedConsumer consumer;

    MediaEventsListener(StoredMedia storedMedia, OrderedConsumers consumers) {
        this.storedMedia = storedMedia;
        this.consumer = consumers.create(CONSUMER, this::handle);
    }

    @RabbitListener(
            id = CONSUMER,
            queues = "#{eventsTopology.queue(T(dev.shutter.events.AmqpTopology).COMMAND_SIDE_MEDIA_QUEUE)}",
            containerFactory = PlatformAutoConfiguration.ORDERED_CONTAINER_FACTORY)
    void onMessage(Message message) throws InterruptedException {
        consumer.onMessage(message);
    }

    private void handle(WireEvent event) {
        if (event.payload() instanceof MediaStored stored) {
            on(stored);
        } else if (event.payload() instanceof MediaRejected rejected) {
            on(rejected);
        } else if (event.payload() instanceof MediaDeleted deleted) {
            on(deleted);
        } else {
            throw new IncompleteMessageException(
                    "Not a media event: " + event.payload().getClass().getName());
        }
    }

    private void on(MediaStored media) {
        require(media.mediaId() != null && media.ownerId() != null && media.storedAt() != null, media);
        storedMedia.record(media);
    }

    private void on(MediaRejected media) {
        require(media.mediaId() != null && media.ownerId() != null && media.rejectedAt() != null, media);
        storedMedia.reject(media);
    }

    private void on(MediaDeleted media) {
        require(media.mediaId() != null && media.ownerId() != null && media.deletedAt() != null, media);
        storedMedia.delete(media);
    }

    private static void require(boolean complete, Record event) {
        if (!complete) {
            throw new IncompleteMessageException(
                    "Incomplete " + event.getClass().getSimpleName() + " message");
        }
    }
}
