package dev.shutter.push.user;

import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.readmodel.ReadModelPart;
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
 * Collection {@code devices}: one document per device, {@code {_id: token, userId, platform}}. A token belongs to one
 * user at a time: registering it for another user moves it there. A fan-out finds the devices of up to
 * {@value #LOOKUP_CHUNK} users per query through the index {@code {userId, _id}}. Whether an event of the user was
 * applied already is decided by the user's sequence number in {@link Users}, so a {@code DeviceRegistered} delivered
 * again after the {@code DeviceRemoved} that followed it brings nothing back. Reads use the live generation; writes
 * from events name the generation they fill.
 */
@Repository
public class Devices implements ReadModelPart {

    static final String COLLECTION = "devices";
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
        mongo.indexOps(collection(generation))
                .ensureIndex(new Index().on("userId", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
    }

    void register(String userId, String token, String platform, int generation) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(token)),
                new Update().set("userId", userId).set("platform", platform),
                collection(generation));
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
        mongo.remove(Query.query(Criteria.where("_id").is(token).and("userId").is(userId)), collection(generation));
    }

    /** Forgets every device of a user who deleted their account; tokens moved to another user stay theirs. */
    void forget(String userId, int generation) {
        mongo.remove(Query.query(Criteria.where("userId").is(userId)), collection(generation));
    }

    /** Every device of the given users. */
    public List<Device> ofUsers(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        List<Device> devices = new ArrayList<>();
        String collection = generations.live(COLLECTION);
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            Query query = Query.query(
                    Criteria.where("userId").in(ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK))));
            query.fields().include("userId", "platform");
            for (Document device : mongo.find(query, Document.class, collection)) {
                devices.add(
                        new Device(device.getString("_id"), device.getString("userId"), device.getString("platform")));
            }
        }
        return devices;
    }

    private static String collection(int generation) {
        return ReadModelGenerations.collection(COLLECTION, generation);
    }
}
