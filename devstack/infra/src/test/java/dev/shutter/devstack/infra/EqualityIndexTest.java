package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EqualityIndexTest {

    private final EqualityIndex index = new EqualityIndex(
            "followeeId_1_active_1",
            List.of(new IndexKey("followeeId", true), new IndexKey("active", true)),
            false,
            "_id");

    @Test
    void findsTheDocumentsWithTheQueriedValueOfItsFirstField() {
        index.add(follow("f1", "u1", true), 0, null);
        index.add(follow("f2", "u1", false), 1, null);
        index.add(follow("f3", "u2", true), 2, null);

        Document followersOfU1 = new Document("followeeId", "u1").append("active", true);
        assertThat(index.canHandle(followersOfU1)).isTrue();
        // The collection matches the rest of the query on these.
        assertThat(index.getPositions(followersOfU1)).containsExactlyInAnyOrder(0, 1);
        assertThat(index.getPositions(new Document("followeeId", "u2"))).containsExactly(2);
        assertThat(index.getPositions(new Document("followeeId", "u3"))).isEmpty();

        assertThat(index.canHandle(new Document("active", true))).isFalse();
        Document followersOfEither =
                new Document("followeeId", new Document("$in", List.of("u2", "u1"))).append("active", true);
        assertThat(index.canHandle(followersOfEither)).isTrue();
        assertThat(index.getPositions(followersOfEither)).containsExactly(0, 1, 2);
        assertThat(index.canHandle(new Document("followeeId", new Document("$in", Arrays.asList("u1", null)))))
                .isFalse();
        assertThat(index.canHandle(new Document("followeeId", new Document("$in", List.of("u1")).append("$ne", "u2"))))
                .isFalse();
        assertThat(index.canHandle(new Document("followeeId", null).append("active", true)))
                .isFalse();
    }

    @Test
    void followsChangesAndRemovals() {
        index.add(follow("f1", "u1", true), 0, null);
        index.add(follow("f2", "u1", true), 1, null);

        index.updateInPlace(follow("f1", "u1", true), follow("f1", "u1", false), 0, null);
        assertThat(index.remove(follow("f2", "u1", true))).isEqualTo(1);

        index.updateInPlace(follow("f1", "u1", false), follow("f1", "u4", false), 0, null);

        assertThat(index.getPositions(new Document("followeeId", "u1"))).isEmpty();
        assertThat(index.getPositions(new Document("followeeId", "u4"))).containsExactly(0);
        assertThat(index.getCount()).isOne();
    }

    private static Document follow(String id, String followeeId, boolean active) {
        return new Document("_id", id).append("followeeId", followeeId).append("active", active);
    }
}
