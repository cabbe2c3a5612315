package dev.shutter.query.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The collections of the current generation of each view.
 *
 * <p>A rebuild fills generation N+1 while queries read N, then switches {@code view_state.generation}; the generation
 * read here is reused for at most {@code shutter.query.view-state-max-age}, so a switch is followed within that time
 * without a {@code view_state} read per query.
 */
@Component
public class ReadModels {

    static final String VIEW_STATE = "view_state";

    private final MongoClient mongo;
    private final Recent<View, Integer> generations;

    @Autowired
    ReadModels(MongoClient mongo, @Value("${shutter.query.view-state-max-age:500ms}") Duration maxAge) {
        this(mongo, maxAge, System::nanoTime);
    }

    ReadModels(MongoClient mongo, Duration maxAge, LongSupplier nanoClock) {
        this.mongo = mongo;
        this.generations = new Recent<>(maxAge, nanoClock, this::readGeneration);
    }

    /** The collection {@code <name>_g<N>} of the view's current generation N. */
    public MongoCollection<Document> collection(View view, String name) {
        return mongo.getDatabase(view.viewName()).getCollection(name + "_g" + generation(view));
    }

    int generation(View view) {
        return generations.get(view);
    }

    private int readGeneration(View view) {
        Document state = mongo.getDatabase(view.viewName())
                .getCollection(VIEW_STATE)
                .find(Filters.eq("_id", view.viewName()))
                .first();
        if (state == null || !(state.get("generation") instanceof Number generation)) {
            // No state written yet: the view is in its first generation.
            return 1;
        }
        return generation.intValue();
    }
}
