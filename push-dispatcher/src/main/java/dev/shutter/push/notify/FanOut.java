package dev.shutter.push.notify;

import dev.shutter.push.block.Blocks;
import dev.shutter.push.fcm.SendProperties;
import dev.shutter.push.settings.NotificationSettings;
import dev.shutter.push.settings.NotificationType;
import dev.shutter.push.settings.SettingsStore;
import dev.shutter.push.user.Device;
import dev.shutter.push.user.Devices;
import dev.shutter.push.user.Users;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a notification and its candidate recipients into work items, none when the actor deleted their account: never
 * the actor, nobody who blocks the actor or is blocked by them, nobody who muted the author of a new post, pushes
 * only for the types a recipient keeps on, at most {@code recipients-per-work-item} users and 500 device tokens per
 * item.
 */
@Component
class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    private final SettingsStore settings;
    private final Devices devices;
    private final WorkPublisher publisher;
    private final Blocks blocks;
    private final Users users;
    static final int PLAN_SLICE = 5_000;

    private final int recipientsPerItem;

    FanOut(
            SettingsStore settings,
            Devices devices,
            WorkPublisher publisher,
            Blocks blocks,
            Users users,
            SendProperties properties) {
        this.settings = settings;
        this.users = users;
        this.devices = devices;
        this.publisher = publisher;
        this.blocks = blocks;
        this.recipientsPerItem = properties.recipientsPerWorkItem();
    }

    /**
     * Plans and publishes in slices of {@value #PLAN_SLICE} candidates, so the first pushes of a big fan-out go out
     * while the rest is still being planned.
     */
    void send(Notification notification, Collection<String> candidates) {
        if (users.isDeleted(notification.actorId())) {
            log.debug("Notification {}: its actor deleted their account", notification.id());
            return;
        }
        Set<String> separated = blocks.separatedFrom(notification.actorId());
        List<String> userIds = new LinkedHashSet<>(candidates)
                .stream()
                        .filter(userId -> !userId.equals(notification.actorId()) && !separated.contains(userId))
                        .toList();
        int published = 0;
        for (int from = 0; from < userIds.size(); from += PLAN_SLICE) {
            List<WorkItem> items =
                    plan(notification, userIds.subList(from, Math.min(userIds.size(), from + PLAN_SLICE)), published);
            if (!items.isEmpty()) {
                publisher.publish(items);
                published += items.size();
            }
        }
        log.debug("Notification {} ({}): {} work items", notification.id(), notification.type(), published);
    }

    /** The work items for these recipients (the actor already left out), numbered from {@code firstItem}. */
    private List<WorkItem> plan(Notification notification, List<String> userIds, int firstItem) {
        Map<String, NotificationSettings> changed = settings.changedOf(userIds);
        List<String> wanted = new ArrayList<>();
        Set<String> pushed = new LinkedHashSet<>();
        for (String userId : userIds) {
            NotificationSettings own = changed.getOrDefault(userId, NotificationSettings.DEFAULTS);
            if (notification.type() == NotificationType.NEW_POST && own.muted(notification.actorId())) {
                continue;
            }
            wanted.add(userId);
            if (own.wants(notification.type())) {
                pushed.add(userId);
            }
        }
        Map<String, List<WorkItem.Device>> devicesByUser = devices.ofUsers(pushed).stream()
                .collect(Collectors.groupingBy(
                        Device::userId,
                        Collectors.mapping(
                                device -> new WorkItem.Device(device.token(), device.platform()),
                                Collectors.toList())));
        List<WorkItem> items = new ArrayList<>();
        List<WorkItem.Recipient> current = new ArrayList<>();
        int tokens = 0;
        for (String userId : wanted) {
            boolean push = pushed.contains(userId);
            String language =
                    changed.getOrDefault(userId, NotificationSettings.DEFAULTS).language();
            List<WorkItem.Device> own = push ? devicesByUser.getOrDefault(userId, List.of()) : List.of();
            // A user with more devices than one call takes is split over several items.
            int from = 0;
            do {
                List<WorkItem.Device> share = own.subList(from, Math.min(own.size(), from + WorkItem.MAX_TOKENS));
                if (current.size() == recipientsPerItem || tokens + share.size() > WorkItem.MAX_TOKENS) {
                    items.add(
                            new WorkItem(notification.id() + "#" + (firstItem + items.size()), notification, current));
                    current = new ArrayList<>();
                    tokens = 0;
                }
                current.add(new WorkItem.Recipient(userId, language, push, share));
                tokens += share.size();
                from += WorkItem.MAX_TOKENS;
            } while (from < own.size());
        }
        if (!current.isEmpty()) {
            items.add(new WorkItem(notification.id() + "#" + (firstItem + items.size()), notification, current));
        }
        return items;
    }
}
