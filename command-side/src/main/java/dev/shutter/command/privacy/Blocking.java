package dev.shutter.command.privacy;

import dev.shutter.command.block.BlockUser;
import dev.shutter.command.block.Blocks;
import dev.shutter.command.block.UnblockUser;
import dev.shutter.command.follow.Follows;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Blocks and unblocks. A block, its {@code blocks} row and the end of every follow and follow request between the
 * two users, both ways, are one transaction; an unblock restores none of them.
 */
@Service
class Blocking {

    private final Blocks blocks;
    private final Follows follows;
    private final CommandGateway commandGateway;
    private final Clock clock;

    Blocking(Blocks blocks, Follows follows, CommandGateway commandGateway, Clock clock) {
        this.blocks = blocks;
        this.follows = follows;
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    @Transactional
    void block(String blockerId, String blockedId) {
        Instant at = clock.instant();
        blocks.lockPair(blockerId, blockedId);
        commandGateway.sendAndWait(BlockUser.of(blockerId, blockedId, at));
        blocks.add(blockerId, blockedId, at);
        follows.sever(blockerId, blockedId);
    }

    @Transactional
    void unblock(String blockerId, String blockedId) {
        blocks.lockPair(blockerId, blockedId);
        commandGateway.sendAndWait(UnblockUser.of(blockerId, blockedId, clock.instant()));
        blocks.remove(blockerId, blockedId);
    }
}
