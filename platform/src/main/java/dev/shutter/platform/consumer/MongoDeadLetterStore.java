package dev.shutter.platform.consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Dead letters in the service's MongoDB database, collection {@value #COLLECTION}: one document per letter, indexed by
 * (consumer, sequence key, position) for the check every message makes and for reading a sequence in order.
 */
public final class MongoDeadLetterStore implements DeadLetterStore {

    static final String COLLECTION = "consumer_dead_letters";

    private final MongoTemplate mongo;

    public MongoDeadLetterStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION)
                .ensureIndex(new Index()
                        .on("consumer", Sort.Direction.ASC)
                        .on("sequenceKey", Sort.Direction.ASC)
                        .on("position", Sort.Direction.ASC)
                        .named("consumer_sequence"));
        mongo.indexOps(COLLECTION)
                .ensureIndex(new Index()
                        .on("consumer", Sort.Direction.ASC)
                        .on("position", Sort.Direction.ASC)
                        .named("consumer_position"));
    }

    @Override
    public boolean isParked(String consumer, String sequenceKey) {
        return mongo.exists(
                Query.query(where("consumer").is(consumer).and("sequenceKey").is(sequenceKey)), COLLECTION);
    }

    @Override
    public void park(DeadLetter letter) {
        try {
            mongo.insert(toDocument(letter), COLLECTION);
        } catch (DuplicateKeyException parkedAlready) {
            // the same message, redelivered after it was parked: the letter stays as it was
        }
    }

    @Override
    public List<DeadLetter> sequence(String consumer, String sequenceKey) {
        Query query = Query.query(
                        where("consumer").is(consumer).and("sequenceKey").is(sequenceKey))
                .with(Sort.by("position"));
        return read(query);
    }

    @Override
    public List<DeadLetter> list(String consumer, int limit) {
        return read(Query.query(where("consumer").is(consumer))
                .with(Sort.by("position"))
                .limit(limit));
    }

    @Override
    public long count(String consumer) {
        return mongo.count(Query.query(where("consumer").is(consumer)), COLLECTION);
    }

    @Override
    public Optional<DeadLetter> find(String consumer, String id) {
        return read(Query.query(where("_id").is(id).and("consumer").is(consumer))).stream()
                .findFirst();
    }

    @Override
    public void update(DeadLetter letter) {
        mongo.save(toDocument(letter), COLLECTION);
    }

    @Override
    public void delete(String consumer, String id) {
        mongo.remove(Query.query(where("_id").is(id).and("consumer").is(consumer)), COLLECTION);
    }

    @Override
    public long forget(String consumer, String userId) {
        Criteria mentions = new Criteria()
                .orOperator(
                        where("sequenceKey").is(userId), where("body").regex(Pattern.compile(Pattern.quote(userId))));
        return mongo.remove(Query.query(where("consumer").is(consumer).andOperator(mentions)), COLLECTION)
                .getDeletedCount();
    }

    private List<DeadLetter> read(Query query) {
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(MongoDeadLetterStore::fromDocument)
                .toList();
    }

    private static Document toDocument(DeadLetter letter) {
        return new Document("_id", letter.id())
                .append("consumer", letter.consumer())
                .append("sequenceKey", letter.sequenceKey())
                .append("aggregateSequence", letter.aggregateSequence())
                .append("position", letter.position())
                .append("eventId", letter.eventId())
                .append("eventType", letter.eventType())
                .append("reason", letter.reason())
                .append("attempts", letter.attempts())
                .append("parkedAt", Date.from(letter.parkedAt()))
                .append("lastAttemptAt", Date.from(letter.lastAttemptAt()))
                .append("headers", new Document(letter.headers()))
                .append("body", letter.body());
    }

    private static DeadLetter fromDocument(Document document) {
        Document headers = document.get("headers", Document.class);
        Map<String, Object> headerMap = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach(headerMap::put);
        }
        Number aggregateSequence = document.get("aggregateSequence", Number.class);
        return new DeadLetter(
                document.getString("_id"),
                document.getString("consumer"),
                document.getString("sequenceKey"),
                aggregateSequence != null ? aggregateSequence.longValue() : null,
                document.get("position", Number.class).longValue(),
                document.getString("eventId"),
                document.getString("eventType"),
                document.getString("reason"),
                document.get("attempts", Number.class).intValue(),
                document.getDate("parkedAt").toInstant(),
                document.getDate("lastAttemptAt").toInstant(),
                headerMap,
                document.getString("body"));
    }
}
