package dev.shutter.push.readmodel;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which generation of the read model's collections is live, and the rebuild's bookkeeping, in the document
 * {@code read_model_state/read-model}: {@code {generation, state, eventsApplied, lastGlobalIndex, rebuildGeneration}}.
 * Generation 1 uses the plain collection names ({@code users}, ...), generation n the names with {@code _g<n>}.
 *
 * <p>Live events and the switch to a rebuilt generation never interleave: the live consumer applies each event
 * {@linkplain #whileLive while holding} the lock that {@link #exclusively} takes. Other instances learn of a switch
 * within {@code shutter.push.rebuild.generation-refresh}.
 */
@Component
public class ReadModelGenerations {

    /** The collections built from events alone, by base name. */
    public static final List<String> COLLECTIONS = List.of("users", "devices", "follows", "posts", "blocks");

    /** Collections of earlier layouts, no longer written: dropped with their generation. */
    static final List<String> FORMER = List.of("user_devices");

    public static final String LIVE = "live";
    public static final String REBUILDING = "rebuilding";

    static final String STATE = "read_model_state";
    static final String ID = "read-model";
    private static final Logger log = LoggerFactory.getLogger(ReadModelGenerations.class);

    private final MongoTemplate mongo;
    private final long refreshNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile int live;
    private volatile long checkedAt;

    ReadModelGenerations(
            MongoTemplate mongo, @Value("${shutter.push.rebuild.generation-refresh:PT5S}") Duration generationRefresh) {
        this.mongo = mongo;
        this.refreshNanos = generationRefresh.toNanos();
        start();
    }

    /** Creates the state document, and discards a rebuild that a previous run of this service left unfinished. */
    private void start() {
        mongo.upsert(
                byId(),
                new Update()
                        .setOnInsert("generation", 1)
                        .setOnInsert("state", LIVE)
                        .setOnInsert("eventsApplied", 0L)
                        .setOnInsert("lastGlobalIndex", 0L),
                STATE);
        State state = state();
        if (state.rebuildGeneration() != null) {
            log.warn("The read model was left rebuilding generation {}; discarding it", state.rebuildGeneration());
            abandonRebuild(state.rebuildGeneration());
        }
        live = state.generation();
        checkedAt = System.nanoTime();
    }

    /** The name of a collection of the given generation. */
    public static String collection(String baseName, int generation) {
        return generation == 1 ? baseName : baseName + "_g" + generation;
    }

    /** The name of a collection of the live generation, the one notifications and the API read. */
    public String live(String baseName) {
        return collection(baseName, live());
    }

    public int live() {
        if (System.nanoTime() - checkedAt > refreshNanos && !lock.isHeldByCurrentThread()) {
            live = state().generation();
            checkedAt = System.nanoTime();
        }
        return live;
    }

    public State state() {
        Document document = mongo.findOne(byId(), Document.class, STATE);
        if (document == null) {
            return new State(1, LIVE, 0, 0, null);
        }
        return new State(
                ((Number) document.get("generation")).intValue(),
                document.getString("state"),
                number(document.get("eventsApplied")),
                number(document.get("lastGlobalIndex")),
                document.get("rebuildGeneration") instanceof Number n ? n.intValue() : null);
    }

    /** Applies one live event to the live generation while no generation switch runs. */
    public void whileLive(Runnable work) {
        lock.lock();
        try {
            work.run();
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

    /** Counts a live event the read model took in; {@code globalIndex} is its position in the event store, if known. */
    public void recordApplied(Long globalIndex) {
        Update update = new Update().inc("eventsApplied", 1L);
        if (globalIndex != null) {
            update.max("lastGlobalIndex", globalIndex);
        }
        mongo.updateFirst(byId(), update, STATE);
    }

    /**
     * Marks the read model as rebuilding into the next generation, whose collections are dropped first.
     *
     * @return the generation to build, or empty when a rebuild runs already (on any instance)
     */
    public OptionalInt beginRebuild() {
        int target = live() + 1;
        long taken = mongo.updateFirst(
                        Query.query(Criteria.where("_id").is(ID).and("state").is(LIVE)),
                        new Update().set("state", REBUILDING).set("rebuildGeneration", target),
                        STATE)
                .getModifiedCount();
        if (taken == 0) {
            return OptionalInt.empty();
        }
        drop(target);
        return OptionalInt.of(target);
    }

    /** Makes the rebuilt generation the live one. Call inside {@link #exclusively}. */
    public void switchTo(int generation, long eventsApplied, long lastGlobalIndex) {
        mongo.updateFirst(
                byId(),
                new Update()
                        .set("generation", generation)
                        .set("state", LIVE)
                        .set("eventsApplied", eventsApplied)
                        .set("lastGlobalIndex", lastGlobalIndex)
                        .unset("rebuildGeneration"),
                STATE);
        live = generation;
        checkedAt = System.nanoTime();
    }

    /** Gives a rebuild up: the live generation stays, the partial one is dropped. */
    public void abandonRebuild(int generation) {
        mongo.updateFirst(byId(), new Update().set("state", LIVE).unset("rebuildGeneration"), STATE);
        drop(generation);
    }

    /** Drops every collection of a generation. */
    public void drop(int generation) {
        for (String baseName :
                Stream.concat(COLLECTIONS.stream(), FORMER.stream()).toList()) {
            String name = collection(baseName, generation);
            if (mongo.collectionExists(name)) {
                mongo.dropCollection(name);
            }
        }
    }

    private static Query byId() {
        return Query.query(Criteria.where("_id").is(ID));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    /**
     * @param generation the live generation
     * @param rebuildGeneration the generation being rebuilt, or null
     */
    public record State(
            int generation, String state, long eventsApplied, long lastGlobalIndex, Integer rebuildGeneration) {}
}
