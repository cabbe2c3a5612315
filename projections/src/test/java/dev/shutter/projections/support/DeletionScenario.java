package dev.shutter.projections.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.personal.PersonalDataCodec;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.events.user.AccountPrivacyChanged;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UserSignedIn;
import dev.shutter.events.user.UsernameChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An account deletion with fresh ids, as the command side emits it. gina makes her account private and takes a new
 * username; hal's follow request is approved and she follows him back; ivan's request is still pending, and ivan
 * follows hal; jay and gina block each other. gina posts twice (mentioning hal), hal likes and comments on her first post (mentioning her), hal
 * posts mentioning her; gina likes and comments on hal's post, ivan comments there mentioning her and likes it.
 *
 * <p>{@link #deletion()} is what {@code DELETE /api/users/me} emits: gina's posts, comment and like end, the follows
 * end both ways, ivan's request is declined, her device is removed, then {@code UserDeleted}. Blocks end with no
 * event. Afterwards hal has ivan as his only follower and follows nobody, his post has ivan's like and comment and
 * mentions nobody.
 *
 * <p>{@link #erased} gives the events as a reader of the event store sees them once gina's key is destroyed: her
 * personal data {@code null}, everybody else's as it was. Global indexes continue from a start value.
 */
public final class DeletionScenario {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public final String gina = UUID.randomUUID().toString();
    public final String hal = UUID.randomUUID().toString();
    public final String ivan = UUID.randomUUID().toString();
    public final String jay = UUID.randomUUID().toString();
    public final String ginasFormerName = "gina" + gina.substring(0, 8);
    public final String ginasName = "gina_l" + gina.substring(0, 8);
    public final String halsName = "hal" + hal.substring(0, 8);
    public final String halFollowsGina = hal + ":" + gina;
    public final String ginaFollowsHal = gina + ":" + hal;
    public final String ivanFollowsGina = ivan + ":" + gina;
    public final String ivanFollowsHal = ivan + ":" + hal;
    public final String jayBlocksGina = "block-" + jay + ":" + gina;
    public final String ginaBlocksJay = "block-" + gina + ":" + jay;
    public final String ginasPost = UUID.randomUUID().toString();
    public final String ginasOtherPost = UUID.randomUUID().toString();
    public final String halsPost = UUID.randomUUID().toString();
    public final String halsComment = UUID.randomUUID().toString();
    public final String ginasComment = UUID.randomUUID().toString();
    public final String ivansComment = UUID.randomUUID().toString();
    private final String mark = gina.substring(0, 8);
    private final String ginasEmail = ginasFormerName + "@example.com";
    private final String ginasDisplayName = "Gina Lollo" + mark;
    private final String ginasNewDisplayName = "Gina L. " + mark;
    private final String ginasBio = "Sunsets only " + mark;
    private final String ginasCaption = "Morning #sunrise" + mark + " @";
    private final String ginasOtherCaption = "Evening glow " + mark;
    private final String ginasCommentText = "Thanks " + mark + " @";
    private final String ginasDevice = "device-" + gina;
    private final String ginasAvatar = "avatar-" + gina;
    private final Instant start = Instant.parse("2024-08-01T12:00:00Z");
    private long globalIndex;

    public DeletionScenario(long firstGlobalIndex) {
        this.globalIndex = firstGlobalIndex;
    }

    public List<StoredEvent> history() {
        List<StoredEvent> events = new ArrayList<>();
        events.add(user(gina, 0, new UserRegistered(gina, ginasFormerName, ginasEmail, ginasDisplayName, start)));
        events.add(registration(hal, halsName));
        events.add(registration(ivan, "ivan" + ivan.substring(0, 8)));
        events.add(registration(jay, "jay" + jay.substring(0, 8)));
        events.add(user(gina, 1, new ProfileUpdated(gina, ginasNewDisplayName, ginasBio, ginasAvatar)));
        events.add(user(gina, 2, new UsernameChanged(gina, ginasName, at(10))));
        events.add(user(gina, 3, new AccountPrivacyChanged(gina, true, at(20))));
        events.add(user(gina, 4, new UserSignedIn(gina, at(30))));
        events.add(user(gina, 5, new DeviceRegistered(gina, ginasDevice, "ios")));
        events.add(next("Follow", halFollowsGina, 0, new FollowRequested(halFollowsGina, hal, gina, at(40))));
        events.add(next("Follow", halFollowsGina, 1, new UserFollowed(halFollowsGina, hal, gina, at(50))));
        events.add(next("Follow", ginaFollowsHal, 0, new UserFollowed(ginaFollowsHal, gina, hal, at(60))));
        events.add(next("Follow", ivanFollowsGina, 0, new FollowRequested(ivanFollowsGina, ivan, gina, at(70))));
        events.add(next("Follow", ivanFollowsHal, 0, new UserFollowed(ivanFollowsHal, ivan, hal, at(75))));
        events.add(next("Block", jayBlocksGina, 0, new UserBlocked(jayBlocksGina, jay, gina, at(80))));
        events.add(next("Block", ginaBlocksJay, 0, new UserBlocked(ginaBlocksJay, gina, jay, at(90))));
        events.add(next(
                "Post",
                ginasPost,
                0,
                new PostPublished(ginasPost, gina, ginasCaption + halsName, List.of("m-" + ginasPost), at(100))));
        events.add(next("Post", ginasPost, 1, new UsersMentioned(ginasPost, null, gina, List.of(hal), at(100))));
        events.add(next(
                "Post",
                ginasOtherPost,
                0,
                new PostPublished(ginasOtherPost, gina, ginasOtherCaption, List.of("m-" + ginasOtherPost), at(110))));
        events.add(next(
                "Post",
                halsPost,
                0,
                new PostPublished(
                        halsPost, hal, "Hello @" + ginasName + " #friends", List.of("m-" + halsPost), at(120))));
        events.add(next("Post", halsPost, 1, new UsersMentioned(halsPost, null, hal, List.of(gina), at(120))));
        events.add(next("Post", ginasPost, 2, new PostLiked(ginasPost, hal, at(130))));
        events.add(next(
                "Post", ginasPost, 3, new CommentAdded(ginasPost, halsComment, hal, "Nice @" + ginasName, at(140))));
        events.add(next("Post", ginasPost, 4, new UsersMentioned(ginasPost, halsComment, hal, List.of(gina), at(140))));
        events.add(next("Post", halsPost, 2, new PostLiked(halsPost, gina, at(150))));
        events.add(next(
                "Post",
                halsPost,
                3,
                new CommentAdded(
                        halsPost, ginasComment, gina, ginasCommentText + halsName + " #grateful" + mark, at(160))));
        events.add(next("Post", halsPost, 4, new UsersMentioned(halsPost, ginasComment, gina, List.of(hal), at(160))));
        events.add(next(
                "Post", halsPost, 5, new CommentAdded(halsPost, ivansComment, ivan, "Welcome @" + ginasName, at(170))));
        events.add(next("Post", halsPost, 6, new UsersMentioned(halsPost, ivansComment, ivan, List.of(gina), at(170))));
        events.add(next("Post", halsPost, 7, new PostLiked(halsPost, ivan, at(180))));
        return events;
    }

    /** What deleting gina's account emits, in the command side's order, {@code UserDeleted} last. */
    public List<StoredEvent> deletion() {
        List<StoredEvent> events = new ArrayList<>();
        events.add(next("Post", ginasPost, 5, new PostDeleted(ginasPost, gina, at(200))));
        events.add(next("Post", ginasOtherPost, 1, new PostDeleted(ginasOtherPost, gina, at(200))));
        events.add(next("Post", halsPost, 8, new CommentDeleted(halsPost, ginasComment, gina)));
        events.add(next("Post", halsPost, 9, new PostUnliked(halsPost, gina)));
        events.add(next("Follow", ginaFollowsHal, 1, new UserUnfollowed(ginaFollowsHal, gina, hal, at(200))));
        events.add(next("Follow", halFollowsGina, 2, new UserUnfollowed(halFollowsGina, hal, gina, at(200))));
        events.add(next("Follow", ivanFollowsGina, 1, new FollowRequestDeclined(ivanFollowsGina, ivan, gina, at(200))));
        events.add(user(gina, 6, new DeviceRemoved(gina, ginasDevice)));
        events.add(user(gina, 7, new UserDeleted(gina, at(200))));
        return events;
    }

    /** The history and the deletion, as the relay published them while gina's key still existed. */
    public List<StoredEvent> live() {
        List<StoredEvent> events = new ArrayList<>(history());
        events.addAll(deletion());
        return events;
    }

    /**
     * Values only gina's account held, as they appear in the views: her id, e-mail, names, bio, avatar and device, her
     * posts, her comment and their texts. Her usernames are left out: what others wrote ("Hello @gina_l...") is theirs.
     */
    public List<String> ginasTraces() {
        return List.of(
                gina,
                ginasEmail,
                ginasDisplayName,
                ginasDisplayName.toLowerCase(),
                ginasNewDisplayName,
                ginasNewDisplayName.toLowerCase(),
                ginasBio,
                ginasAvatar,
                ginasDevice,
                ginasPost,
                ginasOtherPost,
                ginasComment,
                ginasCaption,
                "sunrise" + mark,
                ginasOtherCaption,
                ginasCommentText,
                "grateful" + mark);
    }

    /** The event as a reader of the event store sees it once the user's key is destroyed. */
    public static StoredEvent erased(StoredEvent event, String userId) {
        Class<? extends Record> type = event.payload().getClass();
        byte[] key = PersonalDataCodec.newKey();
        PersonalDataCodec codec = new PersonalDataCodec(JSON);
        ObjectNode sealed = codec.seal(type, JSON.valueToTree(event.payload()), subject -> key);
        ObjectNode opened =
                codec.open(type, sealed, subject -> subject.equals(userId) ? Optional.empty() : Optional.of(key));
        try {
            return new StoredEvent(
                    event.globalIndex(),
                    event.eventId(),
                    event.aggregateType(),
                    event.aggregateId(),
                    event.sequence(),
                    event.timestamp(),
                    JSON.treeToValue(opened, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events as a replay of the event store reads them after gina's account was deleted. */
    public List<StoredEvent> erased(List<StoredEvent> events) {
        return events.stream().map(event -> erased(event, gina)).toList();
    }

    /**
     * The event's payload as the event store holds it after the deletion: gina's personal data sealed with a key that
     * no longer exists, everybody else's plain.
     */
    public byte[] storedJson(StoredEvent event) {
        Class<? extends Record> type = event.payload().getClass();
        ObjectNode plain = JSON.valueToTree(event.payload());
        byte[] destroyedKey = PersonalDataCodec.newKey();
        ObjectNode sealed = new PersonalDataCodec(JSON).seal(type, plain.deepCopy(), subject -> destroyedKey);
        boolean ginas =
                PersonalDataCodec.sealedFor(type, sealed).filter(gina::equals).isPresent();
        try {
            return JSON.writeValueAsBytes(ginas ? sealed : plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public StoredEvent registration(String userId, String username) {
        return user(userId, 0, new UserRegistered(userId, username, username + "@example.com", username, start));
    }

    private StoredEvent user(String userId, long sequence, Record payload) {
        return next("User", userId, sequence, payload);
    }

    private Instant at(long seconds) {
        return start.plusSeconds(seconds);
    }

    private StoredEvent next(String aggregateType, String aggregateId, long sequence, Record payload) {
        return StoredEvent.of(globalIndex++, aggregateType, aggregateId, sequence, payload);
    }
}
