package dev.shutter.push.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.AmqpTopology;
import dev.shutter.platform.amqp.EventsTopology;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.stereotype.Component;

/**
 * Puts work items on the work queue and returns only once the broker confirmed every one of them, so the event that
 * caused them is acknowledged only when no share of its fan-out can be lost.
 */
@Component
public class WorkPublisher {

    private static final long CONFIRM_TIMEOUT_MILLIS = 30_000;

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final String workQueue;

    WorkPublisher(RabbitTemplate rabbit, ObjectMapper objectMapper, EventsTopology topology) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.workQueue = topology.queue(AmqpTopology.PUSH_DISPATCHER_WORK_QUEUE);
    }

    public void publish(List<WorkItem> items) {
        List<CorrelationData> confirmations = new ArrayList<>();
        for (WorkItem item : items) {
            CorrelationData confirmation = new CorrelationData(item.id());
            rabbit.send("", workQueue, message(item), confirmation);
            confirmations.add(confirmation);
        }
        for (CorrelationData confirmation : confirmations) {
            CorrelationData.Confirm confirm;
            try {
                confirm = confirmation.getFuture().get(CONFIRM_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AmqpException("Work item " + confirmation.getId() + " not confirmed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AmqpException("Interrupted while waiting for the broker", e);
            }
            if (!confirm.isAck()) {
                throw new AmqpException(
                        "The broker refused work item " + confirmation.getId() + ": " + confirm.getReason());
            }
        }
    }

    private Message message(WorkItem item) {
        try {
            return MessageBuilder.withBody(objectMapper.writeValueAsBytes(item))
                    .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                    .setContentEncoding("UTF-8")
                    .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                    .setMessageId(item.id())
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Work item cannot be serialized", e);
        }
    }
}
