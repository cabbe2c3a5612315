package dev.shutter.media.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaRejected;
import dev.shutter.events.media.MediaStored;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the media events in the wire format every consumer reads (see {@link WireHeaders})
 * and returns only once the broker has confirmed them, so no caller reports a change as done that
 * the command side may never hear of.
 *
 * <p>A media is an aggregate of its own: its first event ({@code MediaStored} or
 * {@code MediaRejected}) has sequence 0, {@code MediaDeleted} sequence 1.
 */
@Component
public class MediaEventPublisher {

    static final String AGGREGATE_TYPE = "Media";
    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final String exchange;

    MediaEventPublisher(RabbitTemplate rabbit, ObjectMapper objectMapper, AmqpProperties properties) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.exchange = properties.exchange();
    }

    /**
     * @param eventId the event's id, kept with the media so that publishing it again after a
     *     failure sends the same event
     */
    public void publish(String eventId, MediaStored event) {
        publish(eventId, event.mediaId(), 0, event, event.storedAt());
    }

    public void publish(String eventId, MediaRejected event) {
        publish(eventId, event.mediaId(), 0, event, event.rejectedAt());
    }

    public void publish(String eventId, MediaDeleted event) {
        publish(eventId, event.mediaId(), 1, event, event.deletedAt());
    }

    private void publish(String eventId, String mediaId, long sequence, Record event, Instant at) {
        Message message = toMessage(eventId, mediaId, sequence, event, at);
        // A correlated confirm belongs to this message: a channel closed by the broker answers it with a nack.
        CorrelationData confirmation = new CorrelationData(eventId);
        Confirm confirm;
        try {
            rabbit.send(exchange, AmqpTopology.routingKey(event.getClass()), message, confirmation);
            confirm = confirmation.getFuture().get(CONFIRM_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (AmqpException | ExecutionException | TimeoutException e) {
            throw new EventNotPublishedException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(e);
        }
        if (!confirm.isAck()) {
            throw new EventNotPublishedException(
                    new AmqpException("The broker refused the event: " + confirm.getReason()));
        }
    }

    Message toMessage(String eventId, String mediaId, long sequence, Record event, Instant at) {
        return MessageBuilder.withBody(json(event))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("UTF-8")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setMessageId(eventId)
                .setTimestamp(Date.from(at))
                .setHeader(WireHeaders.MESSAGE_ID, eventId)
                .setHeader(WireHeaders.MESSAGE_TYPE, event.getClass().getName())
                .setHeader(WireHeaders.TIMESTAMP, at.toEpochMilli())
                .setHeader(WireHeaders.AGGREGATE_ID, mediaId)
                .setHeader(WireHeaders.AGGREGATE_SEQUENCE, sequence)
                .setHeader(WireHeaders.AGGREGATE_TYPE, AGGREGATE_TYPE)
                .build();
    }

    private byte[] json(Record event) {
        try {
            return objectMapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " cannot be serialized", e);
        }
    }
}
