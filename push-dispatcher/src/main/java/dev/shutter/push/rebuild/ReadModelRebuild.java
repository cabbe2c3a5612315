package dev.shutter.push.rebuild;

import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Rebuilds this service's read model (users, devices, user_devices, follows, posts) from a history of events: the collections are
 * emptied, then every event goes to the read-model handlers, and to nothing else. Nothing here can send a push or
 * write the inbox: those are reached only through live deliveries from RabbitMQ, which a rebuild never makes.
 */
@Component
public class ReadModelRebuild {

    /** The collections built from events alone. */
    public static final List<String> COLLECTIONS = List.of("users", "devices", "user_devices", "follows", "posts");

    private final MongoTemplate mongo;
    private final List<ReadModelHandler> handlers;

    ReadModelRebuild(MongoTemplate mongo, List<ReadModelHandler> handlers) {
        this.mongo = mongo;
        this.handlers = handlers;
    }

    /** @param history events in the order of the event store */
    public void rebuild(Iterable<StoredEvent> history) {
        COLLECTIONS.forEach(collection -> mongo.remove(new Query(), collection));
        for (StoredEvent event : history) {
            handlers.forEach(handler -> handler.apply(event));
        }
    }
}
