package dev.shutter.push.settings;

import jakarta.annotation.PostConstruct;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code notification_settings}: {@code {_id: userId, newPost, newFollower, like, comment, mention,
 * followRequest, mutedAccounts, language}}; a switch missing from a document is on. A user without a document has the {@linkplain NotificationSettings#DEFAULTS defaults}.
 * The user writes these settings through this service's API; no event carries them.
 */
@Repository
public class SettingsStore {

    static final String COLLECTION = "notification_settings";
    private static final int LOOKUP_CHUNK = 1000;

    private final MongoTemplate mongo;

    SettingsStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostConstruct
    void createIndexes() {
        // an account's deletion finds who muted the user
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("mutedAccounts", Sort.Direction.ASC));
    }

    public NotificationSettings of(String userId) {
        Document settings = mongo.findById(userId, Document.class, COLLECTION);
        return settings == null ? NotificationSettings.DEFAULTS : read(settings);
    }

    /** The settings of those of the users who changed any, by user id; everyone else has the defaults. */
    public Map<String, NotificationSettings> changedOf(Collection<String> userIds) {
        Map<String, NotificationSettings> found = new HashMap<>();
        List<String> ids = List.copyOf(userIds);
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            Query query =
                    Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK))));
            for (Document settings : mongo.find(query, Document.class, COLLECTION)) {
                found.put(settings.getString("_id"), read(settings));
            }
        }
        return found;
    }

    void save(String userId, NotificationSettings settings) {
        Document document = new Document("_id", userId)
                .append("newPost", settings.newPost())
                .append("newFollower", settings.newFollower())
                .append("like", settings.like())
                .append("comment", settings.comment())
                .append("mention", settings.mention())
                .append("followRequest", settings.followRequest())
                .append("mutedAccounts", settings.mutedAccounts())
                .append("language", settings.language());
        mongo.save(document, COLLECTION);
    }

    /** Forgets a user who deleted their account: their settings, and their place in others' muted accounts. */
    public void forget(String userId) {
        mongo.remove(Query.query(Criteria.where("_id").is(userId)), COLLECTION);
        mongo.updateMulti(
                Query.query(Criteria.where("mutedAccounts").is(userId)),
                new Update().pull("mutedAccounts", userId),
                COLLECTION);
    }

    private static NotificationSettings read(Document settings) {
        return new NotificationSettings(
                settings.getBoolean("newPost", true),
                settings.getBoolean("newFollower", true),
                settings.getBoolean("like", true),
                settings.getBoolean("comment", true),
                settings.getBoolean("mention", true),
                settings.getBoolean("followRequest", true),
                settings.getList("mutedAccounts", String.class, List.of()),
                settings.getString("language"));
    }
}
