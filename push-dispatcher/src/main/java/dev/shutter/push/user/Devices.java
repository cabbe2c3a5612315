package dev.shutter.push.user;

import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.readmodel.ReadModelPart;
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
 * Reads use the live generation; writes from events name the generation they fill.
 */
@Repository
public class Devices implements ReadModelPart {

    static final String COLLECTION = "devices";
    static final String BY_USER = "user_devices";
    private static final int LOOKUP_CHUNK = 1000;

    private final MongoTemplate mongo;
    private final ReadModelGenerations generations;

    Devices(MongoTemplate mongo, ReadModelGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
        createIndexes(generations.live());
    }

    @Override
    public void createIndexes(int generation) {
        mongo.indexOps(ReadModelGenerations.collection(COLLECTION, generation))
                .ensureIndex(new Index().on("userId", Sort.Direction.ASC));
    }

    void register(String userId, String token, String platform, int generation) {
        Document previous = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(token)),
                new Update().set("userId", userId).set("platform", platform),
                FindAndModifyOptions.options().upsert(true),
                Document.class,
                ReadModelGenerations.collection(COLLECTION, generation));
        if (previous != null && !userId.equals(previous.getString("userId"))) {
            pull(previous.getString("userId"), token, generation);
        }
        pull(userId, token, generation);
        mongo.upsert(
                Query.query(Criteria.where("_id").is(userId)),
                new Update().push("devices", new Document("token", token).append("platform", platform)),
                ReadModelGenerations.collection(BY_USER, generation));
    }

    /**
     * Removes the token from the live generation, only while it still belongs to the user, so a moved token stays
     * moved. A token FCM rejected goes at once; the {@code DeviceRemoved} the command side answers with removes it
     * from every later rebuild.
     */
    public void remove(String userId, String token) {
        remove(userId, token, generations.live());
    }

    void remove(String userId, String token, int generation) {
        mongo.remove(
                Query.query(Criteria.where("_id").is(token).and("userId").is(userId)),
                ReadModelGenerations.collection(COLLECTION, generation));
        pull(userId, token, generation);
    }

    /** Forgets every device of a user who deleted their account; tokens moved to another user stay theirs. */
    void forget(String userId, int generation) {
        mongo.remove(
                Query.query(Criteria.where("userId").is(userId)),
                ReadModelGenerations.collection(COLLECTION, generation));
        mongo.remove(
                Query.query(Criteria.where("_id").is(userId)), ReadModelGenerations.collection(BY_USER, generation));
    }

    private void pull(String userId, String token, int generation) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(userId)),
                new Update().pull("devices", new Document("token", token)),
                ReadModelGenerations.collection(BY_USER, generation));
    }

    /** Every device of the given users. */
    public List<Device> ofUsers(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        List<Device> devices = new ArrayList<>();
        String byUser = generations.live(BY_USER);
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            for (Document user : mongo.find(Query.query(Criteria.where("_id").in(chunk)), Document.class, byUser)) {
                for (Document device : user.getList("devices", Document.class, List.of())) {
                    devices.add(
                            new Device(device.getString("token"), user.getString("_id"), device.getString("platform")));
                }
            }
        }
        return devices;
    }
}
