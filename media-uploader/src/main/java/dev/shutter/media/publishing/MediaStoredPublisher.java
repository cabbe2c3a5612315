package dev.shutter.media.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaStored;
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
 * Publishes {@link MediaStored} in the wire format every consumer reads (see {@link WireHeaders})
 * and returns only once the broker has confirmed it, so no caller reports an upload as done that
 * the command side may never hear of.
 */
@Component
public class MediaStoredPublisher {

    static final String AGGREGATE_TYPE = "Media";
    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final String exchange;

    MediaStoredPublisher(RabbitTemplate rabbit, ObjectMapper objectMapper, AmqpProperties properties) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.exchange = properties.exchange();
    }

    /**
     * @param eventId the event's id, kept with the media so that publishing it again after a
     *     failure sends the same event
     */
    public void publish(String eventId, MediaStored event) {
        Message message = toMessage(eventId, event);
        // A correlated confirm belongs to this message: a channel closed by the broker answers it with a nack.
        CorrelationData confirmation = new CorrelationData(eventId);
        Confirm confirm;
        try {
            rabbit.send(exchange, AmqpTopology.routingKey(MediaStored.class), message, confirmation);
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

    Message toMessage(String eventId, MediaStored event) {
        return MessageBuilder.withBody(json(event))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("UTF-8")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setMessageId(eventId)
                .setTimestamp(Date.from(event.storedAt()))
                .setHeader(WireHeaders.MESSAGE_ID, eventId)
                .setHeader(WireHeaders.MESSAGE_TYPE, MediaStored.class.getName())
                .setHeader(WireHeaders.TIMESTAMP, event.storedAt().toEpochMilli())
                .setHeader(WireHeaders.AGGREGATE_ID, event.mediaId())
                .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                .setHeader(WireHeaders.AGGREGATE_TYPE, AGGREGATE_TYPE)
                .build();
    }

    private byte[] json(MediaStored event) {
        try {
            return objectMapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("MediaStored cannot be serialized", e);
        }
    }
}
