package dev.shutter.command.relay;

import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.platform.amqp.EventsTopology;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Publishes every stored event to the events exchange, in event store order, {@code mandatory}. The handler returns
 * only after the broker confirmed the message and routed it to at least one queue; otherwise it throws (see
 * {@link RelayConfiguration}), so the processor's token never moves past an event that is not in a queue: the
 * processor backs off and delivers it again. Consumers drop the duplicates this can cause.
 *
 * <p>The whole events topology is declared before the first publish on every connection (the platform's
 * {@code Declarables}, which the {@link AmqpAdmin} declares whenever a connection opens). An event the broker returns
 * or refuses means part of it is gone (queues or the exchange deleted while the connection stayed open): the topology
 * is declared again before the next attempt.
 */
@Component
@ProcessingGroup(AmqpRelay.PROCESSING_GROUP)
class AmqpRelay {

    static final String PROCESSING_GROUP = "amqp-relay";

    private static final Logger log = LoggerFactory.getLogger(AmqpRelay.class);

    private final RabbitTemplate rabbitTemplate;
    private final AmqpAdmin amqpAdmin;
    private final Serializer eventSerializer;
    private final String exchange;
    private final long confirmTimeoutMillis;
    private volatile boolean topologyInDoubt;

    AmqpRelay(
            ConnectionFactory connectionFactory,
            AmqpAdmin amqpAdmin,
            EventsTopology topology,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            @Value("${shutter.relay.confirm-timeout:PT10S}") Duration confirmTimeout) {
        if (!connectionFactory.isPublisherConfirms() || !connectionFactory.isPublisherReturns()) {
            throw new IllegalStateException("The relay needs spring.rabbitmq.publisher-confirm-type=correlated"
                    + " and spring.rabbitmq.publisher-returns=true");
        }
        this.rabbitTemplate = mandatoryTemplate(connectionFactory);
        this.amqpAdmin = amqpAdmin;
        this.eventSerializer = eventSerializer;
        this.exchange = topology.exchange();
        this.confirmTimeoutMillis = confirmTimeout.toMillis();
    }

    /**
     * The relay's own template, so that no other publisher's settings change what it does: every message mandatory.
     * A returned message is read from its {@link CorrelationData}, which Spring AMQP fills before it completes the
     * confirm.
     */
    private static RabbitTemplate mandatoryTemplate(ConnectionFactory connectionFactory) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMandatory(true);
        template.setReturnsCallback(returned -> {});
        return template;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        if (topologyInDoubt) {
            amqpAdmin.initialize();
            topologyInDoubt = false;
            log.info("Declared the events topology again");
        }
        Message message = toAmqpMessage(payload, event, token);
        String routingKey = AmqpTopology.routingKey(payload.getClass());
        // A correlated confirm belongs to this message: if the broker closes the channel instead of confirming (no
        // such exchange, say), Spring AMQP answers it with a nack, never with another channel's clean state.
        CorrelationData confirmation = new CorrelationData(event.getIdentifier());
        rabbitTemplate.send(exchange, routingKey, message, confirmation);
        Confirm confirm = awaitConfirm(confirmation, event);
        if (!confirm.isAck()) {
            topologyInDoubt = true;
            throw new AmqpException("The broker refused event " + event.getIdentifier() + ": " + confirm.getReason());
        }
        ReturnedMessage returned = confirmation.getReturned();
        if (returned != null) {
            topologyInDoubt = true;
            throw new AmqpException("The broker routed event " + event.getIdentifier() + " (" + routingKey
                    + ") to no queue: " + returned.getReplyCode() + " " + returned.getReplyText());
        }
    }

    private Confirm awaitConfirm(CorrelationData confirmation, EventMessage<?> event) {
        try {
            return confirmation.getFuture().get(confirmTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException(
                    "Interrupted while waiting for the broker to confirm event " + event.getIdentifier(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AmqpException("The broker did not confirm event " + event.getIdentifier(), e);
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
