package dev.shutter.command.block;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Whether one user blocks another. One aggregate per ordered pair, created by the first block; blocking or
 * unblocking again changes nothing.
 */
@Aggregate
class Block {

    @AggregateIdentifier
    private String blockId;

    private boolean blocking;

    Block() {}

    /** Not the Follow aggregate's id of the same pair: both live in one event store. */
    static String idOf(String blockerId, String blockedId) {
        return "block:" + blockerId + ":" + blockedId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(BlockUser command) {
        if (command.blockerId().equals(command.blockedId())) {
            throw new CannotBlockSelfException();
        }
        if (blocking) {
            return;
        }
        apply(new UserBlocked(command.blockId(), command.blockerId(), command.blockedId(), command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(UnblockUser command) {
        if (!blocking) {
            return;
        }
        apply(new UserUnblocked(command.blockId(), command.blockerId(), command.blockedId(), command.at()));
    }

    @EventSourcingHandler
    void on(UserBlocked event) {
        blockId = event.blockId();
        blocking = true;
    }

    @EventSourcingHandler
    void on(UserUnblocked event) {
        blocking = false;
    }
}
