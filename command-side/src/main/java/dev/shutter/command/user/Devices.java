package dev.shutter.command.user;

import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers and removes the devices that receive a user's pushes. A token registered by another account moves
 * there: the previous owner's {@code DeviceRemoved}, the new owner's {@code DeviceRegistered} and the
 * {@code device_tokens} row are written in one transaction, so a phone that changes hands stops receiving the
 * previous account's pushes.
 */
@Service
public class Devices {

    private final DeviceTokens deviceTokens;
    private final CommandGateway commandGateway;

    Devices(DeviceTokens deviceTokens, CommandGateway commandGateway) {
        this.deviceTokens = deviceTokens;
        this.commandGateway = commandGateway;
    }

    @Transactional
    public void register(String userId, String token, String platform) {
        Optional<String> previousOwner = deviceTokens.claim(token, userId, platform);
        previousOwner
                .filter(owner -> !owner.equals(userId))
                .ifPresent(owner -> commandGateway.sendAndWait(new RemoveDevice(owner, token)));
        commandGateway.sendAndWait(new RegisterDevice(userId, token, platform));
    }

    @Transactional
    public void remove(String userId, String token) {
        deviceTokens.release(token, userId);
        commandGateway.sendAndWait(new RemoveDevice(userId, token));
    }
}
