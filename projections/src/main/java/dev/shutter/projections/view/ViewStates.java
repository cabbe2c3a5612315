package dev.shutter.projections.view;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the {@code view_state} document of every view. The live generation is cached:
 * this service is the only writer of {@code view_state}, and only a rebuild changes it.
 */
@Component
public class ViewStates implements SmartInitializingSingleton {

    static final String COLLECTION = "view_state";
    private static final Logger log = LoggerFactory.getLogger(ViewStates.class);

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final Map<String, Integer> liveGenerations = new ConcurrentHashMap<>();

    ViewStates(List<Projection> projections) {
        projections.forEach(projection -> this.projections.put(projection.view(), projection));
    }

    public Collection<Projection> projections() {
        return projections.values();
    }

    public Optional<Projection> projection(String view) {
        return Optional.ofNullable(projections.get(view));
    }

    /** Creates missing state documents, abandons rebuilds a previous run left unfinished, and indexes. */
    @Override
    public void afterSingletonsInstantiated() {
        for (Projection projection : projections.values()) {
            projection
                    .mongo()
                    .upsert(
                            query(where("_id").is(projection.view())),
                            new Update()
                                    .setOnInsert("generation", 1)
                                    .setOnInsert("state", ViewState.LIVE)
                                    .setOnInsert("eventsApplied", 0L)
                                    .setOnInsert("lastGlobalIndex", 0L),
                            COLLECTION);
            ViewState state = read(projection.view());
            if (state.rebuilding() && state.rebuildGeneration() != null) {
                log.warn(
                        "View {} was left rebuilding generation {}; discarding it",
                        projection.view(),
                        state.rebuildGeneration());
                abandonRebuild(projection.view(), state.rebuildGeneration());
            }
            projection.createIndexes(state.generation());
            liveGenerations.put(projection.view(), state.generation());
        }
    }

    public ViewState read(String view) {
        Document document = require(view).mongo().findById(view, Document.class, COLLECTION);
        if (document == null) {
            return ViewState.initial(view);
        }
        return new ViewState(
                view,
                document.get("generation", Number.class).intValue(),
                document.getString("state"),
                longValue(document.get("eventsApplied")),
                longValue(document.get("lastGlobalIndex")),
                document.get("rebuildGeneration") instanceof Number n ? n.intValue() : null);
    }

    public int liveGeneration(String view) {
        return liveGenerations.computeIfAbsent(view, name -> read(name).generation());
    }

    /** Counts one event the live consumer handed to the view. */
    public void recordApplied(String view, boolean handled, Long globalIndex) {
        Update update = new Update()
                .inc("eventsApplied", handled ? 1L : 0L)
                .setOnInsert("generation", 1)
                .setOnInsert("state", ViewState.LIVE);
        if (globalIndex != null) {
            update.max("lastGlobalIndex", globalIndex);
        } else {
            update.setOnInsert("lastGlobalIndex", 0L);
        }
        require(view).mongo().upsert(query(where("_id").is(view)), update, COLLECTION);
    }

    /** Marks the view as rebuilding into the next generation and prepares that generation's collections. */
    public int beginRebuild(String view) {
        Projection projection = require(view);
        int target = liveGeneration(view) + 1;
        dropGeneration(projection, target);
        projection.createIndexes(target);
        projection
                .mongo()
                .updateFirst(
                        query(where("_id").is(view)),
                        new Update().set("state", ViewState.REBUILDING).set("rebuildGeneration", target),
                        COLLECTION);
        return target;
    }

    /** Makes a rebuilt generation the one queries read. */
    public void switchTo(String view, int generation, long eventsApplied, long lastGlobalIndex) {
        require(view)
                .mongo()
                .updateFirst(
                        query(where("_id").is(view)),
                        new Update()
                                .set("generation", generation)
                                .set("state", ViewState.LIVE)
                                .set("eventsApplied", eventsApplied)
                                .set("lastGlobalIndex", lastGlobalIndex)
                                .unset("rebuildGeneration"),
                        COLLECTION);
        liveGenerations.put(view, generation);
    }

    /** Gives up a rebuild: the current generation stays, the partial one is dropped. */
    public void abandonRebuild(String view, int generation) {
        Projection projection = require(view);
        projection
                .mongo()
                .updateFirst(
                        query(where("_id").is(view)),
                        new Update().set("state", ViewState.LIVE).unset("rebuildGeneration"),
                        COLLECTION);
        dropGeneration(projection, generation);
    }

    public void dropGeneration(String view, int generation) {
        dropGeneration(require(view), generation);
    }

    private static void dropGeneration(Projection projection, int generation) {
        for (String collection : projection.collections()) {
            String name = Generations.collection(collection, generation);
            if (projection.mongo().collectionExists(name)) {
                projection.mongo().dropCollection(name);
            }
        }
    }

    private Projection require(String view) {
        Projection projection = projections.get(view);
        if (projection == null) {
            throw new IllegalArgumentException("Unknown view " + view);
        }
        return projection;
    }

    private static long longValue(Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
