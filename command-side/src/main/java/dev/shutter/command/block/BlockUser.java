package dev.shutter.command.block;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record BlockUser(@TargetAggregateIdentifier String blockId, String blockerId, String blockedId, Instant at) {

    public static BlockUser of(String blockerId, String blockedId, Instant at) {
        return new BlockUser(Block.idOf(blockerId, blockedId), blockerId, blockedId, at);
    }
}
