package dev.shutter.projections.view;

import java.lang.reflect.RecordComponent;
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

    /**
     * Applies the event to every view.
     *
     * @throws IllegalArgumentException when the event carries no field at all (a body of nulls), before any view
     *     writes
     */
    public void dispatch(EventEnvelope event) {
        requireContent(event);
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

    /** A payload with none of its fields set names nothing a view could key a document by: it is refused whole. */
    private static void requireContent(EventEnvelope event) {
        Record payload = event.payload();
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            try {
                if (component.getAccessor().invoke(payload) != null) {
                    return;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component, e);
            }
        }
        throw new IllegalArgumentException(
                payload.getClass().getSimpleName() + " " + event.eventId() + " has no field set: nothing to apply");
    }
}
