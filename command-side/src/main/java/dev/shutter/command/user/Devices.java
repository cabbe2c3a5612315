package dev.shutter.command.user;

import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers and removes the devices that receive a user's pushes. A token registered by another account moves
 * there: the previous owner's {@code DeviceRemoved}, the new owner's {@code DeviceRegistered} and the
 * {@code device_tokens} row are written in one transaction, so a phone that changes hands stops receiving the
 * previous account's pushes. A user keeps at most {@code shutter.devices.max-per-user} devices: the User aggregate
 * removes those registered longest ago to make room, and their tokens leave {@code device_tokens} in the same
 * transaction.
 */
@Service
public class Devices {

    private final DeviceTokens deviceTokens;
    private final CommandGateway commandGateway;
    private final DeviceLimits limits;

    Devices(DeviceTokens deviceTokens, CommandGateway commandGateway, DeviceLimits limits) {
        this.deviceTokens = deviceTokens;
        this.commandGateway = commandGateway;
        this.limits = limits;
    }

    @Transactional
    public void register(String userId, String token, String platform) {
        Optional<String> previousOwner = deviceTokens.claim(token, userId, platform);
        previousOwner
                .filter(owner -> !owner.equals(userId))
                .ifPresent(owner -> commandGateway.sendAndWait(new RemoveDevice(owner, token)));
        List<String> displaced =
                commandGateway.sendAndWait(new RegisterDevice(userId, token, platform, limits.maxPerUser()));
        displaced.forEach(removed -> deviceTokens.release(removed, userId));
    }

    @Transactional
    public void remove(String userId, String token) {
        deviceTokens.release(token, userId);
        commandGateway.sendAndWait(new RemoveDevice(userId, token));
    }
}
