package dev.shutter.command.block;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnblockUser(@TargetAggregateIdentifier String blockId, String blockerId, String blockedId, Instant at) {

    public static UnblockUser of(String blockerId, String blockedId, Instant at) {
        return new UnblockUser(Block.idOf(blockerId, blockedId), blockerId, blockedId, at);
    }
}
