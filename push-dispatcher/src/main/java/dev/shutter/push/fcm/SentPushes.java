package dev.shutter.push.fcm;

import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code sent_pushes}: {@code {_id: "<eventId>|<token>", eventId, token, sentAt}}, one
 * document per push FCM accepted. A redelivered event skips the devices recorded here, so nobody
 * gets the same notification twice. Documents expire after {@code shutter.push.sent-log-ttl}: by
 * then no redelivery of the event is expected any more.
 */
@Repository
class SentPushes {

    static final String COLLECTION = "sent_pushes";

    private final MongoTemplate mongo;
    private final SentLogProperties properties;

    SentPushes(MongoTemplate mongo, SentLogProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    @PostConstruct
    void createIndexes() {
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("eventId", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION)
                .ensureIndex(new Index()
                        .on("sentAt", Sort.Direction.ASC)
                        .named("sentAt_ttl")
                        .expire(properties.sentLogTtl()));
    }

    Set<String> tokensSentFor(String eventId) {
        Query query = Query.query(Criteria.where("eventId").is(eventId));
        query.fields().include("token");
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(sent -> sent.getString("token"))
                .collect(Collectors.toSet());
    }

    void record(String eventId, Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        Date now = Date.from(Instant.now());
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (String token : tokens) {
            bulk.upsert(
                    Query.query(Criteria.where("_id").is(eventId + "|" + token)),
                    new Update()
                            .setOnInsert("eventId", eventId)
                            .setOnInsert("token", token)
                            .setOnInsert("sentAt", now));
        }
        bulk.execute();
    }
}
