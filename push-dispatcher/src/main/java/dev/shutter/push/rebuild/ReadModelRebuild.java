package dev.shutter.push.rebuild;

import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.readmodel.ReadModelPart;
import dev.shutter.push.wire.LiveConsumption;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Rebuilds this service's read model (users, devices, follows, posts, blocks) from the event store into a new
 * generation of its collections, while live events keep updating, and notifications keep reading, the current
 * one. Once it has caught up with the event store's head, the live consumer pauses (its messages wait in the queue),
 * the last events and any late-committed ones in the gaps it saw are applied, the new generation goes live and the
 * consumer resumes; events it then receives a second time are dropped by the sequence guards. Every stored event goes
 * to the read-model handlers and to nothing else: a rebuild cannot send a push or write the inbox, which are reached
 * only through live deliveries from RabbitMQ. The inbox, the settings, the sent log and the dead letters are not
 * derived from events and stay as they are.
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    /** Gaps further behind the rebuild's position than this are taken for rolled-back transactions. */
    private static final long GAP_WINDOW = 10_000;

    private final ReadModelGenerations generations;
    private final List<ReadModelHandler> handlers;
    private final List<ReadModelPart> parts;
    private final LiveConsumption liveConsumption;
    private final EventStore eventStore;
    private final int batchSize;
    private final Duration dropDelay;
    private final AtomicReference<Replay> running = new AtomicReference<>();

    ReadModelRebuild(
            ReadModelGenerations generations,
            List<ReadModelHandler> handlers,
            List<ReadModelPart> parts,
            LiveConsumption liveConsumption,
            EventStore eventStore,
            @Value("${shutter.push.rebuild.batch-size:500}") int batchSize,
            @Value("${shutter.push.rebuild.drop-delay:PT10S}") Duration dropDelay) {
        this.generations = generations;
        this.handlers = handlers;
        this.parts = parts;
        this.liveConsumption = liveConsumption;
        this.eventStore = eventStore;
        this.batchSize = batchSize;
        this.dropDelay = dropDelay;
    }

    /**
     * Starts a rebuild in the background.
     *
     * @return the generation being built
     * @throws RebuildInProgressException when one runs already
     * @throws EventStoreUnavailableException when the event store cannot be read; nothing changed then
     */
    int start() {
        Replay replay = new Replay();
        if (!running.compareAndSet(null, replay)) {
            throw new RebuildInProgressException();
        }
        try {
            eventStore.check();
            int target = generations.beginRebuild().orElseThrow(RebuildInProgressException::new);
            replay.target = target;
            parts.forEach(part -> part.createIndexes(target));
            Thread thread = new Thread(() -> rebuild(replay), "push-read-model-rebuild");
            thread.setDaemon(true);
            thread.start();
            return target;
        } catch (RuntimeException e) {
            running.set(null);
            throw e;
        }
    }

    /** Where the read model stands: live or rebuilding, events applied, and how many stored events it has yet to see. */
    Status status() {
        ReadModelGenerations.State state = generations.state();
        Replay replay = running.get();
        if (replay != null && replay.target > 0) {
            return new Status(
                    ReadModelGenerations.REBUILDING,
                    state.generation(),
                    replay.target,
                    replay.applied,
                    behind(replay.position));
        }
        return new Status(
                state.state(),
                state.generation(),
                state.rebuildGeneration(),
                state.eventsApplied(),
                behind(state.lastGlobalIndex()));
    }

    private Long behind(long position) {
        try {
            return eventStore.relevantAfter(position);
        } catch (DataAccessException | EventStoreUnavailableException e) {
            log.debug("Cannot read the event store; reporting the read model without its lag", e);
            return null;
        }
    }

    private void rebuild(Replay replay) {
        int target = replay.target;
        try {
            log.info("Rebuilding the read model into generation {}", target);
            catchUp(replay);
            switchGeneration(replay);
            log.info("The read model now reads generation {} ({} events applied)", target, replay.applied);
        } catch (RuntimeException e) {
            log.error("Rebuilding the read model failed; generation {} stays", target - 1, e);
            try {
                generations.abandonRebuild(target);
            } catch (RuntimeException again) {
                log.warn("Could not discard generation {}", target, again);
            }
            return;
        } finally {
            running.set(null);
        }
        try {
            // Other instances may read the old generation until they notice the switch.
            Thread.sleep(dropDelay.toMillis());
            generations.drop(target - 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not drop generation {} of the read model", target - 1, e);
        }
    }

    private void switchGeneration(Replay replay) {
        boolean wasRunning = liveConsumption.pause();
        try {
            generations.exclusively(() -> {
                catchUp(replay);
                fillGaps(replay);
                generations.switchTo(replay.target, replay.applied, replay.position);
                return null;
            });
        } finally {
            if (wasRunning) {
                liveConsumption.resume();
            }
        }
    }

    /** Applies the stored events after the replay's position until the store's head. */
    private void catchUp(Replay replay) {
        while (true) {
            EventStore.Page page = eventStore.after(replay.position, batchSize);
            if (page.position() == replay.position) {
                return;
            }
            page.events().forEach(event -> apply(replay, event));
            replay.gaps.addAll(page.gaps());
            replay.position = page.position();
            replay.gaps.headSet(replay.position - GAP_WINDOW).clear();
        }
    }

    /** Events committed after the replay passed their position: the live consumer may have seen them already. */
    private void fillGaps(Replay replay) {
        if (replay.gaps.isEmpty()) {
            return;
        }
        EventStore.Page late = eventStore.at(List.copyOf(replay.gaps));
        late.events().forEach(event -> apply(replay, event));
        replay.gaps.removeAll(late.gaps());
    }

    private void apply(Replay replay, StoredEvent event) {
        handlers.forEach(handler -> handler.apply(event, replay.target));
        replay.applied++;
    }

    /** The progress of one rebuild; written by its thread only. */
    private static final class Replay {
        volatile int target;
        volatile long position;
        volatile long applied;
        final NavigableSet<Long> gaps = new ConcurrentSkipListSet<>();
    }

    /**
     * @param generation the generation notifications read
     * @param rebuildGeneration the generation being built, or null
     * @param behind stored events the read model has yet to apply; null when the event store cannot be read
     */
    record Status(String state, int generation, Integer rebuildGeneration, long eventsApplied, Long behind) {}
}
