package dev.shutter.push.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.push.notify.WorkItem;
import java.io.IOException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Takes work items from the work queue, several at a time ({@code shutter.push.send.concurrency}); every instance of
 * push-dispatcher consumes the same queue, so a big fan-out is shared. A message that is not a work item goes to the
 * work queue's dead-letter queue.
 */
@Component
class WorkItemListener {

    private final ObjectMapper objectMapper;
    private final WorkItemSender sender;

    WorkItemListener(ObjectMapper objectMapper, WorkItemSender sender) {
        this.objectMapper = objectMapper;
        this.sender = sender;
    }

    @RabbitListener(
            id = "push-dispatcher-work",
            queues = "#{eventsTopology.queue(T(dev.shutter.events.AmqpTopology).PUSH_DISPATCHER_WORK_QUEUE)}",
            containerFactory = "pushWorkContainerFactory")
    void onMessage(Message message) {
        sender.send(parse(message));
    }

    private WorkItem parse(Message message) {
        try {
            WorkItem item = objectMapper.readValue(message.getBody(), WorkItem.class);
            if (item == null
                    || item.notification() == null
                    || item.notification().type() == null) {
                throw new AmqpRejectAndDontRequeueException("Incomplete work item");
            }
            return item;
        } catch (IOException | RuntimeException e) {
            if (e instanceof AmqpRejectAndDontRequeueException rejected) {
                throw rejected;
            }
            throw new AmqpRejectAndDontRequeueException("Unreadable work item", e);
        }
    }
}
