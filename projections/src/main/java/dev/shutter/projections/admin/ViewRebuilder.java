package dev.shutter.projections.admin;

import dev.shutter.projections.amqp.LiveConsumption;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.Projection;
import dev.shutter.projections.view.ProjectionDispatcher;
import dev.shutter.projections.view.ViewStates;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rebuilds one view into its next generation from the event store while queries keep reading the
 * current one, then switches generations with the live consumer paused. Rebuilding only writes the
 * view's own collections: nothing is published.
 */
@Component
class ViewRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ViewRebuilder.class);

    private final ViewStates states;
    private final ProjectionDispatcher dispatcher;
    private final LiveConsumption liveConsumption;
    private final EventStore eventStore;
    private final int batchSize;
    private final Duration dropDelay;
    private final AtomicReference<String> running = new AtomicReference<>();

    ViewRebuilder(
            ViewStates states,
            ProjectionDispatcher dispatcher,
            LiveConsumption liveConsumption,
            EventStore eventStore,
            @Value("${shutter.projections.rebuild.batch-size:500}") int batchSize,
            @Value("${shutter.projections.rebuild.drop-delay:PT5S}") Duration dropDelay) {
        this.states = states;
        this.dispatcher = dispatcher;
        this.liveConsumption = liveConsumption;
        this.eventStore = eventStore;
        this.batchSize = batchSize;
        this.dropDelay = dropDelay;
    }

    /**
     * Starts rebuilding a view in the background.
     *
     * @return the generation being built
     */
    int start(String view) {
        Projection projection = states.projection(view).orElseThrow(() -> new UnknownViewException(view));
        if (!running.compareAndSet(null, view)) {
            throw new RebuildInProgressException(running.get());
        }
        try {
            int target = states.beginRebuild(view);
            Thread thread = new Thread(() -> rebuild(projection, target), "view-rebuild-" + view);
            thread.setDaemon(true);
            thread.start();
            return target;
        } catch (RuntimeException e) {
            running.set(null);
            throw e;
        }
    }

    private void rebuild(Projection projection, int target) {
        String view = projection.view();
        try {
            log.info("Rebuilding view {} into generation {}", view, target);
            Progress progress = replay(projection, target, Progress.NONE);
            Progress done = switchGeneration(projection, target, progress);
            log.info("View {} now reads generation {} ({} events applied)", view, target, done.applied());
        } catch (RuntimeException e) {
            log.error("Rebuilding view {} failed; generation {} stays", view, target - 1, e);
            states.abandonRebuild(view, target);
            return;
        } finally {
            // The view is live again, so the next rebuild may start while the old generation waits to be dropped.
            running.set(null);
        }
        try {
            // Readers may still hold the old generation for a moment: they cache view_state briefly.
            Thread.sleep(dropDelay.toMillis());
            states.dropGeneration(view, target - 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not drop generation {} of view {}", target - 1, view, e);
        }
    }

    private Progress switchGeneration(Projection projection, int target, Progress progress) {
        boolean wasRunning = liveConsumption.pause();
        try {
            return dispatcher.exclusively(() -> {
                Progress last = replay(projection, target, progress);
                long head = Math.max(last.position(), eventStore.head());
                states.switchTo(projection.view(), target, last.applied(), head);
                return last;
            });
        } finally {
            if (wasRunning) {
                liveConsumption.resume();
            }
        }
    }

    /** Applies stored events after the progress's position until the store's head. */
    private Progress replay(Projection projection, int target, Progress from) {
        Progress progress = from;
        while (true) {
            EventStore.Page page = eventStore.after(progress.position(), batchSize);
            if (page.position() == progress.position()) {
                return progress;
            }
            long applied = progress.applied();
            for (EventEnvelope event : page.events()) {
                if (projection.apply(event, target)) {
                    applied++;
                }
            }
            progress = new Progress(page.position(), applied);
        }
    }

    private record Progress(long position, long applied) {
        static final Progress NONE = new Progress(0, 0);
    }
}
