package dev.shutter.command.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many devices receive a user's pushes, {@code shutter.devices.max-per-user} (20): registering one more removes
 * the one registered longest ago.
 */
@ConfigurationProperties("shutter.devices")
record DeviceLimits(Integer maxPerUser) {

    static final int DEFAULT_MAX_PER_USER = 20;

    DeviceLimits {
        maxPerUser = maxPerUser == null || maxPerUser < 1 ? DEFAULT_MAX_PER_USER : maxPerUser;
    }
}
