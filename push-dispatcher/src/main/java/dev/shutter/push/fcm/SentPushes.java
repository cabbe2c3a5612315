package dev.shutter.push.fcm;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code sent_pushes}: {@code {_id: "<notificationId>|<token>", notificationId, token, userId, state,
 * at}}, one document per push ({@code userId} owns the device). A sender claims a push before sending it (state
 * {@code claimed}, inserted under the unique {@code _id}), so two instances, a redelivered event or a replayed work item can never both send it; after FCM's
 * answer the state becomes {@code sent}, {@code rejected} or {@code failed}. A push whose retries ran out is
 * released (deleted) so that a replay can send it, and a claim whose sender died is taken over after
 * {@code shutter.push.send.claim-timeout}. Documents expire after {@code shutter.push.sent-log-ttl}.
 */
@Repository
public class SentPushes {

    static final String COLLECTION = "sent_pushes";
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final SentLogProperties properties;
    private final SendProperties send;

    SentPushes(MongoTemplate mongo, SentLogProperties properties, SendProperties send) {
        this.mongo = mongo;
        this.properties = properties;
        this.send = send;
    }

    @PostConstruct
    void createIndexes() {
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("notificationId", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("userId", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION)
                .ensureIndex(
                        new Index().on("at", Sort.Direction.ASC).named("at_ttl").expire(properties.sentLogTtl()));
    }

    /** Claims the pushes of the notification; returns the tokens this caller may send to. */
    Set<String> claim(String notificationId, Collection<Push> pushes) {
        Map<String, String> owners = new LinkedHashMap<>();
        pushes.forEach(push -> owners.putIfAbsent(push.token(), push.userId()));
        List<String> wanted = List.copyOf(owners.keySet());
        if (wanted.isEmpty()) {
            return Set.of();
        }
        Date now = new Date();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (String token : wanted) {
            bulk.insert(new Document("_id", id(notificationId, token))
                    .append("notificationId", notificationId)
                    .append("token", token)
                    .append("userId", owners.get(token))
                    .append("state", "claimed")
                    .append("at", now));
        }
        Set<String> claimed = new HashSet<>(wanted);
        for (int index : duplicates(bulk)) {
            String token = wanted.get(index);
            if (!takeOverAbandonedClaim(notificationId, token)) {
                claimed.remove(token);
            }
        }
        return claimed;
    }

    private static List<Integer> duplicates(BulkOperations bulk) {
        List<Integer> duplicates = new ArrayList<>();
        try {
            bulk.execute();
        } catch (BulkOperationException e) {
            for (var error : e.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
        }
        return duplicates;
    }

    private boolean takeOverAbandonedClaim(String notificationId, String token) {
        Date abandonedBefore = Date.from(Instant.now().minus(send.claimTimeout()));
        return mongo.updateFirst(
                                Query.query(Criteria.where("_id")
                                        .is(id(notificationId, token))
                                        .and("state")
                                        .is("claimed")
                                        .and("at")
                                        .lt(abandonedBefore)),
                                new Update().set("at", new Date()),
                                COLLECTION)
                        .getModifiedCount()
                > 0;
    }

    void settle(String notificationId, Collection<String> tokens, String state) {
        if (tokens.isEmpty()) {
            return;
        }
        Date now = new Date();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (String token : tokens) {
            bulk.updateOne(
                    Query.query(Criteria.where("_id").is(id(notificationId, token))),
                    new Update().set("state", state).set("at", now));
        }
        bulk.execute();
    }

    /** Gives the pushes back, so that a later attempt (a replay of the dead letter) may send them. */
    void release(String notificationId, Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        List<String> ids =
                tokens.stream().map(token -> id(notificationId, token)).toList();
        mongo.remove(Query.query(Criteria.where("_id").in(ids).and("state").is("claimed")), COLLECTION);
    }

    /**
     * Forgets the pushes to the devices of users who deleted their account (documents written before the sent log
     * named the user expire with the rest).
     */
    public void forget(Collection<String> userIds) {
        if (!userIds.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("userId").in(userIds)), COLLECTION);
        }
    }

    private static String id(String notificationId, String token) {
        return notificationId + "|" + token;
    }
}
