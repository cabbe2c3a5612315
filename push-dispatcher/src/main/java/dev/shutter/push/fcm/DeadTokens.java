package dev.shutter.push.fcm;

/** Told about every push whose device token FCM no longer accepts. */
@FunctionalInterface
public interface DeadTokens {

    /** @param reason FCM's error code: {@code UNREGISTERED} or {@code INVALID_ARGUMENT} */
    void rejected(Push push, String reason);
}
