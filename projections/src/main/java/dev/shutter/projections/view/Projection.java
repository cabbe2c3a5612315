package dev.shutter.projections.view;

import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A read model kept in its own database. Generation {@code N} of the view lives in the collections
 * {@code <name>_g<N>}, so a rebuild can fill a new generation while queries read the current one.
 */
public interface Projection {

    /** The view's name, which is also its database name. */
    String view();

    /** The template of the view's own database. */
    MongoTemplate mongo();

    /** Base names of every collection of a generation, public and internal. */
    List<String> collections();

    /** Creates the indexes of a generation; safe to call again. */
    void createIndexes(int generation);

    /**
     * Applies an event to a generation. Applying the same event again, or after a crash half-way,
     * leaves the same state.
     *
     * @return whether the event concerns this view
     */
    boolean apply(EventEnvelope event, int generation);
}
