package dev.shutter.push.settings;

/** What a notification is about; {@link #wireName()} is its {@code type} in pushes and in the inbox. */
public enum NotificationType {
    NEW_POST("new_post"),
    NEW_FOLLOWER("new_follower"),
    LIKE("like"),
    COMMENT("comment"),
    MENTION("mention"),
    FOLLOW_REQUEST("follow_request");

    private final String wireName;

    NotificationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static NotificationType ofWireName(String name) {
        for (NotificationType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown notification type " + name);
    }
}
