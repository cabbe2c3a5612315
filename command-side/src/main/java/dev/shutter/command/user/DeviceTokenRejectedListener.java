package dev.shutter.command.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.push.DeviceTokenRejected;
import java.io.IOException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Removes from the user a device whose token FCM rejected, as push-dispatcher reports it: the User aggregate emits
 * {@code DeviceRemoved}, or nothing when the device is gone already, so a redelivered report changes nothing; the
 * token leaves {@code device_tokens} unless it has moved to another account since. A
 * message that is not a readable {@code DeviceTokenRejected} goes to the dead-letter queue; a report about a user
 * that does not exist is dropped.
 */
@Component
class DeviceTokenRejectedListener {

    private static final Logger log = LoggerFactory.getLogger(DeviceTokenRejectedListener.class);

    private final ObjectMapper objectMapper;
    private final Devices devices;

    DeviceTokenRejectedListener(ObjectMapper objectMapper, Devices devices) {
        this.objectMapper = objectMapper;
        this.devices = devices;
    }

    @RabbitListener(
            queues = "#{eventsTopology.queue(T(dev.shutter.events.AmqpTopology).COMMAND_SIDE_DEVICES_QUEUE)}",
            concurrency = "1")
    void onMessage(Message message) {
        DeviceTokenRejected rejected = parse(message);
        try {
            devices.remove(rejected.userId(), rejected.token());
        } catch (AggregateNotFoundException e) {
            log.warn("Device token rejected for unknown user {}: nothing to remove", rejected.userId());
        }
    }

    private DeviceTokenRejected parse(Message message) {
        Object type = message.getMessageProperties().getHeaders().get(WireHeaders.MESSAGE_TYPE);
        if (!DeviceTokenRejected.class.getName().equals(String.valueOf(type))) {
            throw new AmqpRejectAndDontRequeueException("Not a DeviceTokenRejected message: " + type);
        }
        try {
            DeviceTokenRejected rejected = objectMapper.readValue(message.getBody(), DeviceTokenRejected.class);
            if (rejected == null
                    || rejected.userId() == null
                    || rejected.userId().isBlank()
                    || rejected.token() == null
                    || rejected.token().isBlank()) {
                throw new AmqpRejectAndDontRequeueException("Incomplete DeviceTokenRejected message");
            }
            return rejected;
        } catch (IOException e) {
            throw new AmqpRejectAndDontRequeueException("Unreadable DeviceTokenRejected message", e);
        }
    }
}
