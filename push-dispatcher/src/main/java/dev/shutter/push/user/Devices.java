package dev.shutter.push.user;

import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code devices}: {@code {_id: token, userId, platform}}. A token belongs to one user at
 * a time: registering it for another user moves it there.
 */
@Repository
public class Devices {

    static final String COLLECTION = "devices";
    private static final int LOOKUP_CHUNK = 1000;

    private final MongoTemplate mongo;

    Devices(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostConstruct
    void createIndexes() {
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("userId", Sort.Direction.ASC));
    }

    void register(String userId, String token, String platform) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(token)),
                new Update().set("userId", userId).set("platform", platform),
                COLLECTION);
    }

    /** Removes the token only while it still belongs to the user, so a moved token stays moved. */
    public void remove(String userId, String token) {
        mongo.remove(Query.query(Criteria.where("_id").is(token).and("userId").is(userId)), COLLECTION);
    }

    /** Every device of the given users, in token order. */
    public List<Device> ofUsers(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        List<Device> devices = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            Query query = Query.query(Criteria.where("userId").in(chunk)).with(Sort.by("_id"));
            for (Document device : mongo.find(query, Document.class, COLLECTION)) {
                devices.add(
                        new Device(device.getString("_id"), device.getString("userId"), device.getString("platform")));
            }
        }
        return devices;
    }
}
