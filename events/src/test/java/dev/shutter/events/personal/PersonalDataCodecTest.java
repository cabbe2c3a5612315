package dev.shutter.events.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shutter.events.EventCatalog;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.user.UserRegistered;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersonalDataCodecTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final PersonalDataCodec codec = new PersonalDataCodec(json);
    private final Map<String, byte[]> keys = new HashMap<>();

    @Test
    void sealedFieldsHideTheirValuesAndOpenToTheSameEvent() throws Exception {
        UserRegistered event = new UserRegistered("u-1", "alice", "alice@example.com", "Alice", Instant.EPOCH);

        ObjectNode sealed = codec.seal(UserRegistered.class, json.valueToTree(event), this::keyFor);

        assertThat(sealed.toString())
                .doesNotContain("alice")
                .doesNotContain("Alice")
                .contains("u-1");
        assertThat(PersonalDataCodec.isSealed(sealed.get("email"))).isTrue();
        assertThat(PersonalDataCodec.sealedFor(UserRegistered.class, sealed)).contains("u-1");
        assertThat(PersonalDataCodec.sealedFor(UserRegistered.class, json.valueToTree(event)))
                .isEmpty();
        ObjectNode opened = codec.open(UserRegistered.class, sealed, this::keyOf);
        assertThat(json.treeToValue(opened, UserRegistered.class)).isEqualTo(event);
    }

    @Test
    void withoutTheKeyPersonalFieldsReadAsNullAndTheRestStays() throws Exception {
        PostPublished event = new PostPublished("p-1", "u-1", "At the beach", List.of("m-1"), Instant.EPOCH);
        ObjectNode sealed = codec.seal(PostPublished.class, json.valueToTree(event), this::keyFor);

        keys.remove("u-1");
        PostPublished shredded =
                json.treeToValue(codec.open(PostPublished.class, sealed, this::keyOf), PostPublished.class);

        assertThat(shredded).isEqualTo(new PostPublished("p-1", "u-1", null, List.of("m-1"), Instant.EPOCH));
    }

    @Test
    void eachUserHasTheirOwnKeyAndAValueMovedToAnotherSubjectDoesNotOpen() {
        ObjectNode alice = codec.seal(
                UserRegistered.class,
                json.valueToTree(new UserRegistered("u-1", "alice", "a@example.com", "Alice", Instant.EPOCH)),
                this::keyFor);
        ObjectNode bob = codec.seal(
                UserRegistered.class,
                json.valueToTree(new UserRegistered("u-2", "bob", "b@example.com", "Bob", Instant.EPOCH)),
                this::keyFor);
        bob.set("username", alice.get("username"));

        assertThat(keys).containsOnlyKeys("u-1", "u-2");
        assertThatThrownBy(() -> codec.open(UserRegistered.class, bob, this::keyOf))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventsWithoutPersonalDataAndUnsealedValuesPassThrough() {
        ObjectNode unliked = json.valueToTree(new PostUnliked("p-1", "u-1"));
        ObjectNode legacy =
                json.valueToTree(new UserRegistered("u-1", "alice", "alice@example.com", "Alice", Instant.EPOCH));

        assertThat(codec.seal(PostUnliked.class, unliked.deepCopy(), this::keyFor))
                .isEqualTo(unliked);
        assertThat(codec.open(UserRegistered.class, legacy.deepCopy(), this::keyOf))
                .isEqualTo(legacy);
        assertThat(keys).isEmpty();
    }

    @Test
    void everyEventWithPersonalDataNamesItsSubject() {
        for (Class<? extends Record> type : EventCatalog.types()) {
            boolean personal = false;
            boolean subject = false;
            for (RecordComponent component : type.getRecordComponents()) {
                personal |= component.isAnnotationPresent(PersonalData.class);
                subject |= component.isAnnotationPresent(DataSubject.class);
            }
            assertThat(!personal || subject).as(type.getName()).isTrue();
            assertThat(PersonalDataCodec.carriesPersonalData(type))
                    .as(type.getName())
                    .isEqualTo(personal);
        }
    }

    private byte[] keyFor(String userId) {
        return keys.computeIfAbsent(userId, id -> PersonalDataCodec.newKey());
    }

    private Optional<byte[]> keyOf(String userId) {
        return Optional.ofNullable(keys.get(userId));
    }
}
