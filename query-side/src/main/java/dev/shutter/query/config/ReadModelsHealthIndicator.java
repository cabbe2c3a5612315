package dev.shutter.query.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Up when every view's {@code view_state} can be read; shows each view's generation and state. It reads a document
 * rather than running a server command, so it works the same on MongoDB and on the in-process server of devstack.
 */
@Component
class ReadModelsHealthIndicator extends AbstractHealthIndicator {

    private final MongoClient mongo;

    ReadModelsHealthIndicator(MongoClient mongo) {
        super("The read models cannot be read");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        for (View view : View.values()) {
            Document state = mongo.getDatabase(view.viewName())
                    .getCollection(ReadModels.VIEW_STATE)
                    .find(Filters.eq("_id", view.viewName()))
                    .first();
            builder.withDetail(
                    view.viewName(),
                    state == null
                            ? new Document("generation", 1).append("state", "live")
                            : new Document("generation", state.get("generation")).append("state", state.get("state")));
        }
    }
}
