package dev.shutter.push.block;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import org.springframework.stereotype.Component;

/** Keeps who blocks whom, guarded by the Block aggregate's sequence numbers. */
@Component
class BlockEventsHandler implements ReadModelHandler {

    private final Blocks blocks;

    BlockEventsHandler(Blocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public void apply(StoredEvent event, int generation) {
        if (event.payload() instanceof UserBlocked blocked) {
            blocks.apply(
                    blocked.blockId(),
                    blocked.blockerId(),
                    blocked.blockedId(),
                    true,
                    event.sequenceNumber(),
                    generation);
        } else if (event.payload() instanceof UserUnblocked unblocked) {
            blocks.apply(
                    unblocked.blockId(),
                    unblocked.blockerId(),
                    unblocked.blockedId(),
                    false,
                    event.sequenceNumber(),
                    generation);
        }
    }
}
