package dev.shutter.projections.social;

import static dev.shutter.projections.view.Generations.collection;
import static dev.shutter.projections.view.SequenceGuard.applyIfNewer;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.Projection;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The social graph view: one edge per Follow aggregate, active while the follower follows. */
@Component
class SocialProjection implements Projection {

    static final String FOLLOWS = "follows";

    private final MongoTemplate mongo;

    SocialProjection(@Qualifier("socialMongo") MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String view() {
        return "social";
    }

    @Override
    public MongoTemplate mongo() {
        return mongo;
    }

    @Override
    public List<String> collections() {
        return List.of(FOLLOWS);
    }

    @Override
    public void createIndexes(int generation) {
        var index = mongo.indexOps(collection(FOLLOWS, generation));
        index.createIndex(new Index()
                .on("followeeId", Direction.ASC)
                .on("active", Direction.ASC)
                .on("since", Direction.DESC)
                .on("_id", Direction.DESC));
        index.createIndex(new Index()
                .on("followerId", Direction.ASC)
                .on("active", Direction.ASC)
                .on("since", Direction.DESC)
                .on("_id", Direction.DESC));
    }

    @Override
    public boolean apply(EventEnvelope event, int generation) {
        Update update;
        String followId;
        if (event.payload() instanceof UserFollowed followed) {
            followId = followed.followId();
            update = new Update()
                    .set("followerId", followed.followerId())
                    .set("followeeId", followed.followeeId())
                    .set("active", true)
                    .set("since", event.date(followed.followedAt()));
        } else if (event.payload() instanceof UserUnfollowed unfollowed) {
            followId = unfollowed.followId();
            update = new Update()
                    .set("followerId", unfollowed.followerId())
                    .set("followeeId", unfollowed.followeeId())
                    .set("active", false);
        } else {
            return false;
        }
        applyIfNewer(mongo, collection(FOLLOWS, generation), followId, event.sequence(), update);
        return true;
    }
}
