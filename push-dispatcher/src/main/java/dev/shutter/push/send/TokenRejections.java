package dev.shutter.push.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.push.DeviceTokenRejected;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link DeviceTokenRejected} in the wire format every consumer reads, and returns only once the broker
 * confirmed it, so the command side learns of every token FCM rejected and removes the device from the user.
 */
@Component
class TokenRejections {

    static final String AGGREGATE_TYPE = "DeviceToken";
    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final String exchange;

    TokenRejections(
            RabbitTemplate rabbit,
            ObjectMapper objectMapper,
            @Value("${shutter.amqp.exchange:" + AmqpTopology.EXCHANGE + "}") String exchange) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.exchange = exchange;
    }

    void publish(DeviceTokenRejected event) {
        String eventId = UUID.randomUUID().toString();
        CorrelationData confirmation = new CorrelationData(eventId);
        CorrelationData.Confirm confirm;
        try {
            rabbit.send(
                    exchange,
                    AmqpTopology.routingKey(DeviceTokenRejected.class),
                    message(eventId, event),
                    confirmation);
            confirm = confirmation.getFuture().get(CONFIRM_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AmqpException("DeviceTokenRejected not confirmed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("Interrupted while waiting for the broker", e);
        }
        if (!confirm.isAck()) {
            throw new AmqpException("The broker refused DeviceTokenRejected: " + confirm.getReason());
        }
    }

    private Message message(String eventId, DeviceTokenRejected event) {
        try {
            return MessageBuilder.withBody(objectMapper.writeValueAsBytes(event))
                    .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                    .setContentEncoding("UTF-8")
                    .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                    .setMessageId(eventId)
                    .setTimestamp(Date.from(event.rejectedAt()))
                    .setHeader(WireHeaders.MESSAGE_ID, eventId)
                    .setHeader(WireHeaders.MESSAGE_TYPE, DeviceTokenRejected.class.getName())
                    .setHeader(WireHeaders.TIMESTAMP, event.rejectedAt().toEpochMilli())
                    .setHeader(WireHeaders.AGGREGATE_ID, event.token())
                    .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                    .setHeader(WireHeaders.AGGREGATE_TYPE, AGGREGATE_TYPE)
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("DeviceTokenRejected cannot be serialized", e);
        }
    }
}
