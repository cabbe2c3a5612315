package dev.shutter.projections.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.shutter.projections.support.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;

class SequenceGuardTest {

    private static final String USERS = "users_g1";

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoTemplate template;

    @BeforeEach
    void freshDatabase() {
        mongo.dropDatabase("guard");
        template = mongo.template("guard");
        template.indexOps(USERS)
                .createIndex(new Index().on("usernameLower", Direction.ASC).unique());
    }

    @Test
    void appliesAnEventNewerThanTheDocument() {
        SequenceGuard.applyIfNewer(template, USERS, "u1", 0, new Update().set("usernameLower", "ada"));

        boolean applied = SequenceGuard.applyIfNewer(template, USERS, "u1", 1, new Update().set("displayName", "Ada"));

        assertThat(applied).isTrue();
        assertThat(user("u1")).contains(entry("usernameLower", "ada"), entry("displayName", "Ada"), entry("seq", 1L));
    }

    @Test
    void anEventTheDocumentAlreadySawChangesNothing() {
        SequenceGuard.applyIfNewer(template, USERS, "u1", 3, new Update().set("displayName", "Ada"));

        boolean applied = SequenceGuard.applyIfNewer(template, USERS, "u1", 2, new Update().set("displayName", "Old"));

        assertThat(applied).isFalse();
        assertThat(user("u1")).contains(entry("displayName", "Ada"), entry("seq", 3L));
    }

    @Test
    void aCollisionOnAnotherUniqueIndexIsAFailureNotAnEventAlreadySeen() {
        SequenceGuard.applyIfNewer(template, USERS, "u1", 0, new Update().set("usernameLower", "ada"));

        assertThatThrownBy(() ->
                        SequenceGuard.applyIfNewer(template, USERS, "u2", 0, new Update().set("usernameLower", "ada")))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(user("u2")).isNull();
    }

    @Test
    void aCollidingValueThatNamesTheIdIndexIsStillAFailure() {
        String sly = "x index: _id_ dup key";
        SequenceGuard.applyIfNewer(template, USERS, "u1", 0, new Update().set("usernameLower", sly));

        assertThatThrownBy(() ->
                        SequenceGuard.applyIfNewer(template, USERS, "u2", 0, new Update().set("usernameLower", sly)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    private Document user(String id) {
        return template.findById(id, Document.class, USERS);
    }
}
