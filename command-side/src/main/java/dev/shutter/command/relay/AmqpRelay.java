package dev.shutter.command.relay;

import dev.shutter.command.config.AmqpProperties;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Publishes every stored event to the events exchange, in event store order. The handler returns
 * only after the broker confirmed the message, and a failure propagates (see
 * {@link RelayConfiguration}), so the processor's token never moves past an unconfirmed event:
 * the processor backs off and delivers it again. Consumers drop the duplicates this can cause.
 */
@Component
@ProcessingGroup(AmqpRelay.PROCESSING_GROUP)
class AmqpRelay {

    static final String PROCESSING_GROUP = "amqp-relay";

    private final RabbitTemplate rabbitTemplate;
    private final Serializer eventSerializer;
    private final String exchange;
    private final long confirmTimeoutMillis;

    AmqpRelay(
            RabbitTemplate rabbitTemplate,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            AmqpProperties properties,
            @Value("${shutter.relay.confirm-timeout:PT10S}") Duration confirmTimeout) {
        this.rabbitTemplate = rabbitTemplate;
        this.eventSerializer = eventSerializer;
        this.exchange = properties.exchange();
        this.confirmTimeoutMillis = confirmTimeout.toMillis();
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        Message message = toAmqpMessage(payload, event, token);
        String routingKey = AmqpTopology.routingKey(payload.getClass());
        // A correlated confirm belongs to this message: if the broker closes the channel instead of confirming (no
        // such exchange, say), Spring AMQP answers it with a nack, never with another channel's clean state.
        CorrelationData confirmation = new CorrelationData(event.getIdentifier());
        rabbitTemplate.send(exchange, routingKey, message, confirmation);
        Confirm confirm;
        try {
            confirm = confirmation.getFuture().get(confirmTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException(
                    "Interrupted while waiting for the broker to confirm event " + event.getIdentifier(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AmqpException("The broker did not confirm event " + event.getIdentifier(), e);
        }
        if (!confirm.isAck()) {
            throw new AmqpException("The broker refused event " + event.getIdentifier() + ": " + confirm.getReason());
        }
    }

    private Message toAmqpMessage(Object payload, EventMessage<?> event, TrackingToken token) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(event.getIdentifier());
        properties.setTimestamp(Date.from(event.getTimestamp()));
        properties.setHeader(WireHeaders.MESSAGE_ID, event.getIdentifier());
        properties.setHeader(WireHeaders.MESSAGE_TYPE, payload.getClass().getName());
        properties.setHeader(WireHeaders.TIMESTAMP, event.getTimestamp().toEpochMilli());
        if (event instanceof DomainEventMessage<?> domainEvent) {
            properties.setHeader(WireHeaders.AGGREGATE_ID, domainEvent.getAggregateIdentifier());
            properties.setHeader(WireHeaders.AGGREGATE_SEQUENCE, domainEvent.getSequenceNumber());
            properties.setHeader(WireHeaders.AGGREGATE_TYPE, domainEvent.getType());
        }
        token.position().ifPresent(position -> properties.setHeader(WireHeaders.GLOBAL_INDEX, position));
        byte[] body = eventSerializer.serialize(payload, byte[].class).getData();
        return new Message(body, properties);
    }
}
