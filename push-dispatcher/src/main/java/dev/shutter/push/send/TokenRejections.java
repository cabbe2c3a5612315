package dev.shutter.push.send;

import dev.shutter.events.push.DeviceTokenRejected;
import dev.shutter.platform.outbox.Outbox;
import dev.shutter.platform.outbox.OutboxMessage;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Announces {@link DeviceTokenRejected}, so the command side learns of every token FCM rejected and removes the device
 * from the user. Each rejection is recorded in collection {@code token_rejections} ({@code {_id: token, userId,
 * reason, rejectedAt}}, one document per token) together with its event, in the document's outbox, by one
 * single-document write; the platform's outbox relay publishes it with confirms right after, or after a crash or an
 * outage of the broker, and removes it once confirmed.
 */
@Component
class TokenRejections {

    static final String AGGREGATE_TYPE = "DeviceToken";
    static final String COLLECTION = "token_rejections";

    private final MongoTemplate mongo;
    private final Outbox outbox;

    TokenRejections(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
        outbox.watch(COLLECTION);
    }

    /** Records the rejection with its event; returns once it is stored, the relay publishing it in a moment. */
    void publish(DeviceTokenRejected event) {
        OutboxMessage message =
                outbox.event(UUID.randomUUID().toString(), AGGREGATE_TYPE, event.token(), 0, event, event.rejectedAt());
        mongo.upsert(
                Query.query(Criteria.where("_id").is(event.token())),
                outbox.record(
                        new Update()
                                .set("userId", event.userId())
                                .set("reason", event.reason())
                                .set("rejectedAt", event.rejectedAt()),
                        message),
                COLLECTION);
        outbox.nudge(COLLECTION, event.token());
    }
}
