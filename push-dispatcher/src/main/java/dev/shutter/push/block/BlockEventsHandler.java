package dev.shutter.push.block;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.push.user.Users;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps who blocks whom, guarded by the Block aggregate's sequence numbers. {@code UserDeleted} forgets the blocks
 * the user made and those made against them; a block event naming a deleted user that arrives later is dropped.
 */
@Component
class BlockEventsHandler implements ReadModelHandler {

    private final Blocks blocks;
    private final Users users;

    BlockEventsHandler(Blocks blocks, Users users) {
        this.blocks = blocks;
        this.users = users;
    }

    @Override
    public void apply(StoredEvent event, int generation) {
        if (event.payload() instanceof UserDeleted deleted) {
            blocks.forget(deleted.userId(), generation);
        } else if (event.payload() instanceof UserBlocked blocked) {
            apply(blocked.blockId(), blocked.blockerId(), blocked.blockedId(), true, event, generation);
        } else if (event.payload() instanceof UserUnblocked unblocked) {
            apply(unblocked.blockId(), unblocked.blockerId(), unblocked.blockedId(), false, event, generation);
        }
    }

    private void apply(
            String blockId, String blockerId, String blockedId, boolean active, StoredEvent event, int generation) {
        if (users.anyDeleted(List.of(blockerId, blockedId), generation)) {
            return;
        }
        blocks.apply(blockId, blockerId, blockedId, active, event.sequenceNumber(), generation);
    }
}
