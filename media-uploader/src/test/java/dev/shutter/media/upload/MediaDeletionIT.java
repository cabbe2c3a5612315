package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.media.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class MediaDeletionIT extends MediaUploaderIntegrationTest {

    @Test
    void deletingAPostDeletesTheObjectsOfThePhotosNoOtherPostShows() throws Exception {
        String onlyInFirst = uploaded(TestImages.jpeg(800, 600));
        String inBoth = uploaded(TestImages.jpeg(640, 480));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        publishEvent(first, 0, new PostPublished(first, ownerId, "one", List.of(onlyInFirst, inBoth), Instant.now()));
        publishEvent(second, 0, new PostPublished(second, ownerId, "two", List.of(inBoth), Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        mongo.findById(inBoth, MediaDocument.class).postIds().size() == 2);
        ObjectKeys firstKeys = mongo.findById(onlyInFirst, MediaDocument.class).objectKeys();

        publishEvent(first, 1, new PostDeleted(first, ownerId, Instant.now()));

        Message deleted = nextEvent(MediaDeleted.class);
        assertThat(deleted).isNotNull();
        assertThat(body(deleted).get("mediaId").asText()).isEqualTo(onlyInFirst);
        assertThat(body(deleted).get("ownerId").asText()).isEqualTo(ownerId);
        assertThat(List.of(firstKeys.original(), firstKeys.large(), firstKeys.small()))
                .noneMatch(this::exists);
        assertThat(http.getForEntity("/api/media/" + onlyInFirst + "/large", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertProblem(get("/api/media/" + onlyInFirst, token()), HttpStatus.NOT_FOUND, "NOT_FOUND");
        assertThat(http.getForEntity("/api/media/" + inBoth + "/large", byte[].class)
                        .getStatusCode())
                .as("still shown by the second post")
                .isEqualTo(HttpStatus.OK);

        publishEvent(second, 1, new PostDeleted(second, ownerId, Instant.now()));

        Message alsoDeleted = nextEvent(MediaDeleted.class);
        assertThat(alsoDeleted).isNotNull();
        assertThat(body(alsoDeleted).get("mediaId").asText()).isEqualTo(inBoth);
        assertThat(http.getForEntity("/api/media/" + inBoth + "/small", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRedeliveredPostDeletionDeletesNothingTwice() throws Exception {
        String photo = uploaded(TestImages.jpeg(400, 300));
        String post = UUID.randomUUID().toString();
        publishEvent(post, 0, new PostPublished(post, ownerId, "", List.of(photo), Instant.now()));
        PostDeleted deletion = new PostDeleted(post, ownerId, Instant.now());
        publishEvent(post, 1, deletion);
        Message deleted = nextEvent(MediaDeleted.class);
        assertThat(deleted).isNotNull();

        publishEvent(post, 1, deletion);
        String marker = uploaded(TestImages.jpeg(64, 64));
        String markerPost = UUID.randomUUID().toString();
        publishEvent(markerPost, 0, new PostPublished(markerPost, ownerId, "", List.of(marker), Instant.now()));
        publishEvent(markerPost, 1, new PostDeleted(markerPost, ownerId, Instant.now()));

        Message next = nextEvent(MediaDeleted.class);
        assertThat(next).isNotNull();
        assertThat(body(next).get("mediaId").asText())
                .as("the redelivered deletion announced nothing again; the next deletion is the marker's")
                .isEqualTo(marker);
        assertThat(mongo.findById(photo, MediaDocument.class).status()).isEqualTo(MediaDocument.DELETED);
    }

    @Test
    void aPostCannotClaimAnotherUsersPhotoAndSoCannotDeleteIt() throws Exception {
        String photo = uploaded(TestImages.jpeg(400, 300));
        String stranger = UUID.randomUUID().toString();
        String post = UUID.randomUUID().toString();
        publishEvent(post, 0, new PostPublished(post, stranger, "", List.of(photo), Instant.now()));
        publishEvent(post, 1, new PostDeleted(post, stranger, Instant.now()));
        String marker = uploaded(TestImages.jpeg(64, 64));
        String markerPost = UUID.randomUUID().toString();
        publishEvent(markerPost, 0, new PostPublished(markerPost, ownerId, "", List.of(marker), Instant.now()));
        publishEvent(markerPost, 1, new PostDeleted(markerPost, ownerId, Instant.now()));

        Message deleted = nextEvent(MediaDeleted.class);

        assertThat(body(deleted).get("mediaId").asText()).isEqualTo(marker);
        assertThat(http.getForEntity("/api/media/" + photo + "/large", byte[].class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void theUploadersCurrentAvatarSurvivesTheDeletionOfThePostThatShowedIt() throws Exception {
        String avatar = uploaded(TestImages.jpeg(400, 400));
        String formerAvatar = uploaded(TestImages.jpeg(300, 300));
        String post = UUID.randomUUID().toString();
        publishEvent(post, 0, new PostPublished(post, ownerId, "", List.of(avatar, formerAvatar), Instant.now()));
        publishEvent(ownerId, 1, new ProfileUpdated(ownerId, "Ada", "", formerAvatar));
        publishEvent(ownerId, 2, new ProfileUpdated(ownerId, "Ada", "", avatar));

        publishEvent(post, 1, new PostDeleted(post, ownerId, Instant.now()));

        Message deleted = nextEvent(MediaDeleted.class);
        assertThat(deleted).isNotNull();
        assertThat(body(deleted).get("mediaId").asText()).isEqualTo(formerAvatar);
        assertThat(nextEvent(MediaDeleted.class)).as("no second deletion").isNull();
        assertThat(http.getForEntity("/api/media/" + avatar + "/small", byte[].class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aDeletedAccountLeavesNoPhotoBehindAndTouchesNoOneElses() throws Exception {
        String avatar = uploaded(TestImages.jpeg(300, 300));
        String posted = uploaded(TestImages.jpeg(400, 300));
        String neverPosted = uploaded(TestImages.jpeg(200, 100));
        ResponseEntity<String> strangers = upload(
                TestImages.jpeg(64, 64),
                "photo.jpg",
                MediaType.IMAGE_JPEG,
                tokenOf(UUID.randomUUID().toString()));
        String strangersPhoto = json.readTree(strangers.getBody()).get("id").asText();
        String post = UUID.randomUUID().toString();
        publishEvent(post, 0, new PostPublished(post, ownerId, "", List.of(posted), Instant.now()));
        publishEvent(ownerId, 1, new ProfileUpdated(ownerId, "Ada", "", avatar));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(avatar, MediaDocument.class).avatar());
        List<String> objects = new ArrayList<>();
        for (String photo : List.of(avatar, posted, neverPosted)) {
            ObjectKeys keys = mongo.findById(photo, MediaDocument.class).objectKeys();
            objects.addAll(List.of(keys.original(), keys.large(), keys.small()));
        }

        publishEvent(ownerId, 2, new UserDeleted(ownerId, Instant.now()));

        Set<String> deleted = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Message message = nextEvent(MediaDeleted.class);
            assertThat(message).as("MediaDeleted %d of 3", i + 1).isNotNull();
            deleted.add(body(message).get("mediaId").asText());
        }
        assertThat(deleted).containsExactlyInAnyOrder(avatar, posted, neverPosted);
        assertThat(objects).noneMatch(this::exists);
        assertThat(nextEvent(MediaDeleted.class)).as("nothing else deleted").isNull();
        assertThat(http.getForEntity("/api/media/" + strangersPhoto + "/small", byte[].class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(upload(TestImages.jpeg(64, 64), "photo.jpg", MediaType.IMAGE_JPEG, token())
                        .getStatusCode())
                .as("an upload with the deleted account's token")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
