package dev.shutter.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a device of the user; the user keeps at most {@code maxDevices}, the most recently registered. */
record RegisterDevice(@TargetAggregateIdentifier String userId, String token, String platform, int maxDevices) {}
