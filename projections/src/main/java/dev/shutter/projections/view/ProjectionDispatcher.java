package dev.shutter.projections.view;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Hands each live event to every view, in the generation queries currently read. */
@Component
public class ProjectionDispatcher {

    private final ViewStates states;
    // Held while a live event is applied, so a generation switch never interleaves with one.
    private final ReentrantLock lock = new ReentrantLock();

    ProjectionDispatcher(ViewStates states) {
        this.states = states;
    }

    public void dispatch(EventEnvelope event) {
        lock.lock();
        try {
            for (Projection projection : states.projections()) {
                boolean handled = projection.apply(event, states.liveGeneration(projection.view()));
                states.recordApplied(projection.view(), handled, event.globalIndex());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs work while no live event is being applied. */
    public <T> T exclusively(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
