package dev.shutter.push.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.push.notify.WorkItem;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code dead_letters}: {@code {_id, item (the work item as JSON, only the pushes still unsent), reason,
 * failedAt}}. The pushes FCM kept refusing after every retry wait here until an operator replays them.
 */
@Repository
class DeadLetters {

    static final String COLLECTION = "dead_letters";

    private final MongoTemplate mongo;
    private final ObjectMapper objectMapper;

    DeadLetters(MongoTemplate mongo, ObjectMapper objectMapper) {
        this.mongo = mongo;
        this.objectMapper = objectMapper;
    }

    @PostConstruct
    void createIndexes() {
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("failedAt", Sort.Direction.DESC));
    }

    void store(WorkItem item, String reason) {
        try {
            mongo.insert(
                    new Document("_id", UUID.randomUUID().toString())
                            .append("item", objectMapper.writeValueAsString(item))
                            .append("reason", reason)
                            .append("failedAt", new Date()),
                    COLLECTION);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Work item cannot be serialized", e);
        }
    }

    List<DeadLetter> newestFirst(int limit) {
        return mongo
                .find(
                        new Query()
                                .with(Sort.by(Sort.Order.desc("failedAt"), Sort.Order.desc("_id")))
                                .limit(limit),
                        Document.class,
                        COLLECTION)
                .stream()
                .map(this::read)
                .toList();
    }

    Optional<DeadLetter> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION))
                .map(this::read);
    }

    void delete(String id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
    }

    private DeadLetter read(Document document) {
        try {
            return new DeadLetter(
                    document.getString("_id"),
                    objectMapper.readValue(document.getString("item"), WorkItem.class),
                    document.getString("reason"),
                    document.getDate("failedAt").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Dead letter " + document.get("_id") + " is unreadable", e);
        }
    }

    record DeadLetter(String id, WorkItem item, String reason, Instant failedAt) {}
}
