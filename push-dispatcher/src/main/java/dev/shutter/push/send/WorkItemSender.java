package dev.shutter.push.send;

import dev.shutter.events.push.DeviceTokenRejected;
import dev.shutter.push.fcm.Push;
import dev.shutter.push.fcm.PushDelivery;
import dev.shutter.push.fcm.PushDeliveryException;
import dev.shutter.push.inbox.Inbox;
import dev.shutter.push.notify.Notification;
import dev.shutter.push.notify.WorkItem;
import dev.shutter.push.user.Devices;
import dev.shutter.push.user.Users;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out one work item: the inbox of every recipient first, then one push per device of the recipients who want
 * it. A token FCM rejects is deleted here and announced to the command side; pushes still failing after every retry
 * are kept as a dead letter for an operator to replay.
 */
@Component
class WorkItemSender {

    private static final Logger log = LoggerFactory.getLogger(WorkItemSender.class);

    private final Inbox inbox;
    private final PushDelivery delivery;
    private final Devices devices;
    private final TokenRejections rejections;
    private final DeadLetters deadLetters;
    private final Users users;
    private final DeletedAccounts deletedAccounts;

    WorkItemSender(
            Inbox inbox,
            PushDelivery delivery,
            Devices devices,
            TokenRejections rejections,
            DeadLetters deadLetters,
            Users users,
            DeletedAccounts deletedAccounts) {
        this.inbox = inbox;
        this.delivery = delivery;
        this.devices = devices;
        this.rejections = rejections;
        this.deadLetters = deadLetters;
        this.users = users;
        this.deletedAccounts = deletedAccounts;
    }

    /**
     * Users who deleted their account are left out: a notification about what one did is dropped, one addressed to
     * them goes to the others. An account deleted while the item is sent is forgotten again afterwards, for its
     * deletion may have cleaned up before this item wrote.
     */
    void send(WorkItem item) {
        Set<String> involved = new HashSet<>();
        involved.add(item.notification().actorId());
        item.recipients().forEach(recipient -> involved.add(recipient.userId()));
        Set<String> gone = users.deletedAmong(involved);
        if (gone.contains(item.notification().actorId())) {
            log.debug("Work item {}: its actor deleted their account; dropped", item.id());
            return;
        }
        try {
            send(item, gone);
        } finally {
            Set<String> goneSince = users.deletedAmong(involved);
            goneSince.removeAll(gone);
            if (!goneSince.isEmpty()) {
                deletedAccounts.forget(goneSince);
            }
        }
    }

    private void send(WorkItem whole, Set<String> gone) {
        WorkItem item = gone.isEmpty()
                ? whole
                : new WorkItem(
                        whole.id(),
                        whole.notification(),
                        whole.recipients().stream()
                                .filter(recipient -> !gone.contains(recipient.userId()))
                                .toList());
        Notification notification = item.notification();
        inbox.record(
                item.recipients().stream().map(WorkItem.Recipient::userId).toList(),
                notification.type(),
                notification.postId(),
                notification.actorId(),
                notification.at());
        List<Push> pushes = new ArrayList<>();
        for (WorkItem.Recipient recipient : item.recipients()) {
            if (recipient.push()) {
                recipient.devices().forEach(device -> pushes.add(PushMessages.push(notification, recipient, device)));
            }
        }
        if (pushes.isEmpty()) {
            return;
        }
        try {
            delivery.deliver(notification.id(), pushes, this::rejected);
        } catch (PushDeliveryException e) {
            Set<String> unsent = e.unsent().stream().map(Push::token).collect(Collectors.toSet());
            deadLetters.store(item.onlyTokens(unsent), e.getMessage());
            log.warn(
                    "Work item {}: {} pushes set aside as a dead letter: {}", item.id(), unsent.size(), e.getMessage());
        }
    }

    /**
     * The rejection and its event are recorded first, the device removed second: a crash in between leaves a device
     * that the command side is told to remove anyway, never a removed device the command side keeps.
     */
    private void rejected(Push push, String reason) {
        rejections.publish(new DeviceTokenRejected(push.userId(), push.token(), reason, Instant.now()));
        devices.remove(push.userId(), push.token());
    }
}
