package dev.shutter.projections.social;

import static dev.shutter.projections.support.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.projections.support.InMemoryMongo;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

class SocialProjectionTest {

    private static final Instant FOLLOWED_AT = Instant.parse("2024-02-01T08:00:00Z");
    private static final Instant REFOLLOWED_AT = Instant.parse("2024-03-01T08:00:00Z");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoTemplate template;
    private SocialProjection projection;

    @BeforeEach
    void freshDatabase() {
        mongo.dropDatabase("social");
        template = mongo.template("social");
        projection = new SocialProjection(template);
        projection.createIndexes(1);
    }

    @Test
    void followCreatesAnActiveEdgeSinceTheFollowTime() {
        projection.apply(envelope("b:a", 0, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 1);

        assertThat(edge("b:a"))
                .contains(
                        entry("followerId", "b"),
                        entry("followeeId", "a"),
                        entry("active", true),
                        entry("since", Date.from(FOLLOWED_AT)),
                        entry("seq", 0L));
    }

    @Test
    void unfollowDeactivatesTheEdge() {
        projection.apply(envelope("b:a", 0, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 1);

        projection.apply(envelope("b:a", 1, new UserUnfollowed("b:a", "b", "a", Instant.now())), 1);

        assertThat(edge("b:a")).contains(entry("active", false), entry("seq", 1L));
    }

    @Test
    void unfollowRedeliveredAfterARefollowIsIgnored() {
        var unfollowed = envelope("b:a", 1, new UserUnfollowed("b:a", "b", "a", Instant.now()));
        projection.apply(envelope("b:a", 0, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 1);
        projection.apply(unfollowed, 1);
        projection.apply(envelope("b:a", 2, new UserFollowed("b:a", "b", "a", REFOLLOWED_AT)), 1);

        projection.apply(unfollowed, 1);

        assertThat(edge("b:a")).contains(entry("active", true), entry("since", Date.from(REFOLLOWED_AT)));
    }

    @Test
    void writesOnlyTheRequestedGeneration() {
        projection.createIndexes(2);

        projection.apply(envelope("b:a", 0, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 2);

        assertThat(template.findById("b:a", Document.class, "follows_g2")).isNotNull();
        assertThat(template.findById("b:a", Document.class, "follows_g1")).isNull();
    }

    private Document edge(String followId) {
        return template.findById(followId, Document.class, "follows_g1");
    }
}
