package dev.shutter.push.user;

import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code devices}: {@code {_id: token, userId, platform}}. A token belongs to one user at a time:
 * registering it for another user moves it there. Beside it, {@code user_devices}: {@code {_id: userId, devices:
 * [{token, platform}]}}, the same facts per user, so a fan-out finds the devices of thousands of users by primary key.
 */
@Repository
public class Devices {

    static final String COLLECTION = "devices";
    static final String BY_USER = "user_devices";
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
        Document previous = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(token)),
                new Update().set("userId", userId).set("platform", platform),
                FindAndModifyOptions.options().upsert(true),
                Document.class,
                COLLECTION);
        if (previous != null && !userId.equals(previous.getString("userId"))) {
            pull(previous.getString("userId"), token);
        }
        pull(userId, token);
        mongo.upsert(
                Query.query(Criteria.where("_id").is(userId)),
                new Update().push("devices", new Document("token", token).append("platform", platform)),
                BY_USER);
    }

    /** Removes the token only while it still belongs to the user, so a moved token stays moved. */
    public void remove(String userId, String token) {
        mongo.remove(Query.query(Criteria.where("_id").is(token).and("userId").is(userId)), COLLECTION);
        pull(userId, token);
    }

    private void pull(String userId, String token) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(userId)),
                new Update().pull("devices", new Document("token", token)),
                BY_USER);
    }

    /** Every device of the given users. */
    public List<Device> ofUsers(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        List<Device> devices = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            for (Document user : mongo.find(Query.query(Criteria.where("_id").in(chunk)), Document.class, BY_USER)) {
                for (Document device : user.getList("devices", Document.class, List.of())) {
                    devices.add(
                            new Device(device.getString("token"), user.getString("_id"), device.getString("platform")));
                }
            }
        }
        return devices;
    }
}
