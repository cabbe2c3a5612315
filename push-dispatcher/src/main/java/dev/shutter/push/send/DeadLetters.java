package dev.shutter.push.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.push.notify.WorkItem;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.Collection;
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
import org.springframework.data.mongodb.core.query.Update;
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
        mongo.insert(
                new Document("_id", UUID.randomUUID().toString())
                        .append("item", json(item))
                        .append("reason", reason)
                        .append("failedAt", new Date()),
                COLLECTION);
    }

    private String json(WorkItem item) {
        try {
            return objectMapper.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Work item cannot be serialized", e);
        }
    }

    /**
     * Forgets users who deleted their account: a dead letter of a notification about what one of them did goes;
     * those addressed to them lose them as recipients, and go when nobody else is left.
     */
    void forget(Collection<String> userIds) {
        for (String userId : userIds) {
            Query naming = Query.query(Criteria.where("item").regex(literal(userId)));
            for (Document document : mongo.find(naming, Document.class, COLLECTION)) {
                DeadLetter letter = read(document);
                WorkItem item = letter.item();
                List<WorkItem.Recipient> others = item.recipients().stream()
                        .filter(recipient -> !userIds.contains(recipient.userId()))
                        .toList();
                if (userIds.contains(item.notification().actorId()) || others.isEmpty()) {
                    delete(letter.id());
                } else if (others.size() < item.recipients().size()) {
                    mongo.updateFirst(
                            Query.query(Criteria.where("_id").is(letter.id())),
                            new Update().set("item", json(new WorkItem(item.id(), item.notification(), others))),
                            COLLECTION);
                }
            }
        }
    }

    /** A regular expression that matches the text as it is. */
    private static String literal(String text) {
        StringBuilder pattern = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
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
