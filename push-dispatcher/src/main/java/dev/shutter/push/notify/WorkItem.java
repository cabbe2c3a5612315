package dev.shutter.push.notify;

import java.util.List;
import java.util.Set;

/**
 * A share of one notification's fan-out, small enough for one {@code sendEach} call: at most 500 device tokens.
 * Any instance may take it from the work queue.
 */
public record WorkItem(String id, Notification notification, List<Recipient> recipients) {

    /** The most device tokens of one item: one FCM {@code sendEach} call. */
    public static final int MAX_TOKENS = 500;

    public WorkItem {
        recipients = List.copyOf(recipients);
    }

    /**
     * One user who gets the notification.
     *
     * @param push whether the user wants a push of this type; the inbox gets the notification either way
     * @param devices the devices to push to (empty when {@code push} is false or the user has none)
     */
    public record Recipient(String userId, String language, boolean push, List<Device> devices) {

        public Recipient {
            devices = List.copyOf(devices);
        }
    }

    /** A device token and its platform. */
    public record Device(String token, String platform) {}

    /** The same item, for the given tokens only and without inbox duty: what a replay still has to send. */
    public WorkItem onlyTokens(Set<String> tokens) {
        return new WorkItem(
                id,
                notification,
                recipients.stream()
                        .map(recipient -> new Recipient(
                                recipient.userId(),
                                recipient.language(),
                                recipient.push(),
                                recipient.devices().stream()
                                        .filter(device -> tokens.contains(device.token()))
                                        .toList()))
                        .filter(recipient -> !recipient.devices().isEmpty())
                        .toList());
    }

    public int tokenCount() {
        return recipients.stream().mapToInt(r -> r.devices().size()).sum();
    }
}
