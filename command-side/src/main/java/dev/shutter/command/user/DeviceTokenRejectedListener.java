package dev.shutter.command.user;

import dev.shutter.command.IncompleteMessageException;
import dev.shutter.events.push.DeviceTokenRejected;
import dev.shutter.platform.PlatformAutoConfiguration;
import dev.shutter.platform.consumer.OrderedConsumer;
import dev.shutter.platform.consumer.OrderedConsumers;
import dev.shutter.platform.wire.WireEvent;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Removes from the user a device whose token FCM rejected, as push-dispatcher reports it: the User aggregate emits
 * {@code DeviceRemoved}, or nothing when the device is gone already, so a redelivered report changes nothing; the
 * token leaves {@code device_tokens} unless it has moved to another account since. A message that is not a complete
 * {@code DeviceTokenRejected} is parked in the dead letters of {@code command-side.devices} (admin API:
 * {@code /api/admin/consumers/command-side.devices}); a report about a user that does not exist is dropped.
 */
@Component
class DeviceTokenRejectedListener {

    static final String CONSUMER = "command-side.devices";

    private static final Logger log = LoggerFactory.getLogger(DeviceTokenRejectedListener.class);

    private final Devices devices;
    private final OrderedConsumer consumer;

    DeviceTokenRejectedListener(Devices devices, OrderedConsumers consumers) {
        this.devices = devices;
        this.consumer = consumers.create(CONSUMER, this::handle);
    }

    @RabbitListener(
            id = CONSUMER,
            queues = "#{eventsTopology.queue(T(dev.shutter.events.AmqpTopology).COMMAND_SIDE_DEVICES_QUEUE)}",
            containerFactory = PlatformAutoConfiguration.ORDERED_CONTAINER_FACTORY)
    void onMessage(Message message) throws InterruptedException {
        consumer.onMessage(message);
    }

    private void handle(WireEvent event) {
        DeviceTokenRejected rejected = event.payloadAs(DeviceTokenRejected.class)
                .orElseThrow(() -> new IncompleteMessageException("Not a DeviceTokenRejected message: "
                        + event.payload().getClass().getName()));
        if (isBlank(rejected.userId()) || isBlank(rejected.token())) {
            throw new IncompleteMessageException("Incomplete DeviceTokenRejected message");
        }
        try {
            devices.remove(rejected.userId(), rejected.token());
        } catch (AggregateNotFoundException e) {
            log.warn("Device token rejected for unknown user {}: nothing to remove", rejected.userId());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
