package dev.shutter.events;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaRejected;
import dev.shutter.events.media.MediaStored;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.events.push.DeviceTokenRejected;
import dev.shutter.events.user.AccountPrivacyChanged;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UserSignedIn;
import dev.shutter.events.user.UsernameChanged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every published event type. Consumers resolve the {@link WireHeaders#MESSAGE_TYPE} header here
 * rather than loading arbitrary classes by name.
 */
public final class EventCatalog {

    private static final List<Class<? extends Record>> TYPES = List.of(
            UserRegistered.class,
            ProfileUpdated.class,
            DeviceRegistered.class,
            DeviceRemoved.class,
            UserSignedIn.class,
            UsernameChanged.class,
            AccountPrivacyChanged.class,
            UserDeleted.class,
            UserFollowed.class,
            UserUnfollowed.class,
            FollowRequested.class,
            FollowRequestDeclined.class,
            FollowRequestWithdrawn.class,
            UserBlocked.class,
            UserUnblocked.class,
            PostPublished.class,
            PostCaptionEdited.class,
            PostDeleted.class,
            PostLiked.class,
            PostUnliked.class,
            CommentAdded.class,
            CommentDeleted.class,
            UsersMentioned.class,
            MediaStored.class,
            MediaRejected.class,
            MediaDeleted.class,
            DeviceTokenRejected.class);

    private static final Map<String, Class<? extends Record>> BY_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));

    private EventCatalog() {}

    public static List<Class<? extends Record>> types() {
        return TYPES;
    }

    /** The event type of a wire type name, or empty when the name is not a Shutter event. */
    public static Optional<Class<? extends Record>> typeNamed(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }
}
