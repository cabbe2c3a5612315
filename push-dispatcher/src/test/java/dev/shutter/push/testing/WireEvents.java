package dev.shutter.push.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UsernameChanged;
import dev.shutter.push.wire.StoredEvent;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes events the way the command side's relay does, keeping each aggregate's sequence
 * numbers, so tests read like the story of a few users. {@link #storingIn} also appends every event to a test event
 * store first, and sends its global index along, as the relay does.
 */
public class WireEvents {

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final String exchange;
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();
    private final List<StoredEvent> history = new CopyOnWriteArrayList<>();
    private final Map<String, List<Message>> sent = new ConcurrentHashMap<>();
    private EventStoreWriter store;
    private Long nextIndex;

    public WireEvents(RabbitTemplate rabbit, ObjectMapper objectMapper, String exchange) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.exchange = exchange;
    }

    /** From now on every event is stored before it is published. */
    public WireEvents storingIn(EventStoreWriter store) {
        this.store = store;
        return this;
    }

    /** The next event takes this global index, skipped before: a transaction that committed late. */
    public WireEvents nextAt(long globalIndex) {
        this.nextIndex = globalIndex;
        return this;
    }

    public String userRegistered(String username) {
        String userId = UUID.randomUUID().toString();
        publish(new UserRegistered(userId, username, username + "@shutter.test", username, Instant.now()), userId);
        return userId;
    }

    /** A registration as a reader sees it once the user's key is gone: every personal field erased. */
    public String erasedUserRegistered() {
        String userId = UUID.randomUUID().toString();
        publish(new UserRegistered(userId, null, null, null, Instant.now()), userId);
        return userId;
    }

    public void usernameChanged(String userId, String username) {
        publish(new UsernameChanged(userId, username, Instant.now()), userId);
    }

    public String deviceRegistered(String userId) {
        String token = "token-" + UUID.randomUUID();
        deviceRegistered(userId, token);
        return token;
    }

    public void deviceRegistered(String userId, String token) {
        publish(new DeviceRegistered(userId, token, "android"), userId);
    }

    public void deviceRemoved(String userId, String token) {
        publish(new DeviceRemoved(userId, token), userId);
    }

    /** The last event of a deleted account, after everything it did that others see was ended. */
    public Message userDeleted(String userId) {
        return publish(new UserDeleted(userId, Instant.now()), userId);
    }

    public Message followed(String followerId, String followeeId) {
        String followId = followerId + ":" + followeeId;
        return publish(new UserFollowed(followId, followerId, followeeId, Instant.now()), followId);
    }

    public Message followRequested(String followerId, String followeeId) {
        String followId = followerId + ":" + followeeId;
        return publish(new FollowRequested(followId, followerId, followeeId, Instant.now()), followId);
    }

    public void followRequestDeclined(String followerId, String followeeId) {
        String followId = followerId + ":" + followeeId;
        publish(new FollowRequestDeclined(followId, followerId, followeeId, Instant.now()), followId);
    }

    public void followRequestWithdrawn(String followerId, String followeeId) {
        String followId = followerId + ":" + followeeId;
        publish(new FollowRequestWithdrawn(followId, followerId, followeeId, Instant.now()), followId);
    }

    public void blocked(String blockerId, String blockedId) {
        String blockId = blockerId + ">" + blockedId;
        publish(new UserBlocked(blockId, blockerId, blockedId, Instant.now()), blockId);
    }

    public void unblocked(String blockerId, String blockedId) {
        String blockId = blockerId + ">" + blockedId;
        publish(new UserUnblocked(blockId, blockerId, blockedId, Instant.now()), blockId);
    }

    public void unfollowed(String followerId, String followeeId) {
        String followId = followerId + ":" + followeeId;
        publish(new UserUnfollowed(followId, followerId, followeeId, Instant.now()), followId);
    }

    /** Publishes a post and returns its message, so a test can deliver it again. */
    public Message postPublished(String authorId, String postId) {
        return publish(
                new PostPublished(postId, authorId, "golden hour", List.of("media-" + postId), Instant.now()), postId);
    }

    /** Publishes a post with this caption and photo. */
    public Message postPublished(String authorId, String postId, String caption, String mediaId) {
        return publish(new PostPublished(postId, authorId, caption, List.of(mediaId), Instant.now()), postId);
    }

    public Message liked(String userId, String postId) {
        return publish(new PostLiked(postId, userId, Instant.now()), postId);
    }

    public Message commented(String authorId, String postId, String text) {
        return publish(new CommentAdded(postId, UUID.randomUUID().toString(), authorId, text, Instant.now()), postId);
    }

    public Message mentioned(String actorId, String postId, List<String> mentionedUserIds) {
        return publish(new UsersMentioned(postId, null, actorId, mentionedUserIds, Instant.now()), postId);
    }

    public void unliked(String userId, String postId) {
        publish(new PostUnliked(postId, userId), postId);
    }

    /** Adds a comment and returns its id. */
    public String comment(String authorId, String postId, String text) {
        String commentId = UUID.randomUUID().toString();
        publish(new CommentAdded(postId, commentId, authorId, text, Instant.now()), postId);
        return commentId;
    }

    public void commentDeleted(String authorId, String postId, String commentId) {
        publish(new CommentDeleted(postId, commentId, authorId), postId);
    }

    public void postDeleted(String authorId, String postId) {
        publish(new PostDeleted(postId, authorId, Instant.now()), postId);
    }

    /** Every message published so far for the aggregate, in order, so a test can deliver them again. */
    public List<Message> messagesOf(String aggregateId) {
        return List.copyOf(sent.getOrDefault(aggregateId, List.of()));
    }

    /** Every event published so far, in order, as the event store would hold it. */
    public List<StoredEvent> history() {
        return List.copyOf(history);
    }

    public void redeliver(Message message) {
        rabbit.send(exchange, message.getMessageProperties().getHeader(WireHeaders.MESSAGE_TYPE), message);
    }

    public void publishRaw(String type, String body) {
        rabbit.send(
                exchange,
                type,
                MessageBuilder.withBody(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .setContentType("application/json")
                        .setHeader(WireHeaders.MESSAGE_TYPE, type)
                        .setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString())
                        .setHeader(WireHeaders.AGGREGATE_ID, UUID.randomUUID().toString())
                        .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                        .build());
    }

    /**
     * Publishes an event of this type as the next of its aggregate, with well-formed headers and a body in which every
     * field is null: what a broken publisher might send. It is not stored.
     */
    public synchronized Message publishNulls(Class<? extends Record> type, String aggregateId) {
        ObjectNode nulls = objectMapper.createObjectNode();
        for (RecordComponent component : type.getRecordComponents()) {
            nulls.putNull(component.getName());
        }
        long sequence = nextSequence.merge(aggregateId, 0L, (last, ignored) -> last + 1);
        Message message = headers(
                        MessageBuilder.withBody(json(nulls)),
                        type,
                        UUID.randomUUID().toString(),
                        aggregateId,
                        sequence)
                .build();
        rabbit.send(exchange, AmqpTopology.routingKey(type), message);
        sent.computeIfAbsent(aggregateId, id -> new CopyOnWriteArrayList<>()).add(message);
        return message;
    }

    private static MessageBuilderSupport<Message> headers(
            MessageBuilderSupport<Message> builder, Class<?> type, String eventId, String aggregateId, long sequence) {
        return builder.setContentType("application/json")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(WireHeaders.MESSAGE_ID, eventId)
                .setHeader(WireHeaders.MESSAGE_TYPE, type.getName())
                .setHeader(WireHeaders.TIMESTAMP, System.currentTimeMillis())
                .setHeader(WireHeaders.AGGREGATE_ID, aggregateId)
                .setHeader(WireHeaders.AGGREGATE_SEQUENCE, sequence)
                .setHeader(WireHeaders.AGGREGATE_TYPE, aggregateType(type));
    }

    private synchronized Message publish(Record event, String aggregateId) {
        long sequence = nextSequence.merge(aggregateId, 0L, (last, ignored) -> last + 1);
        String eventId = UUID.randomUUID().toString();
        byte[] json = json(event);
        MessageBuilderSupport<Message> builder =
                headers(MessageBuilder.withBody(json), event.getClass(), eventId, aggregateId, sequence);
        if (store != null) {
            long index;
            if (nextIndex != null) {
                index = nextIndex;
                nextIndex = null;
                store.appendAt(index, eventId, aggregateId, sequence, aggregateType(event.getClass()), event, json);
            } else {
                index = store.append(eventId, aggregateId, sequence, aggregateType(event.getClass()), event, json);
            }
            builder.setHeader(WireHeaders.GLOBAL_INDEX, index);
        }
        Message message = builder.build();
        rabbit.send(exchange, AmqpTopology.routingKey(event.getClass()), message);
        sent.computeIfAbsent(aggregateId, id -> new CopyOnWriteArrayList<>()).add(message);
        history.add(new StoredEvent(
                message.getMessageProperties().getHeader(WireHeaders.MESSAGE_ID), aggregateId, sequence, event));
        return message;
    }

    private static String aggregateType(Class<?> type) {
        String feature = type.getPackageName();
        return feature.endsWith(".user")
                ? "User"
                : feature.endsWith(".follow") ? "Follow" : feature.endsWith(".block") ? "Block" : "Post";
    }

    private byte[] json(Object event) {
        try {
            return objectMapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
