package dev.shutter.push.fcm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.UserRegistered;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes events the way the command side's relay does, keeping each aggregate's sequence
 * numbers, so tests read like the story of a few users.
 */
class WireEvents {

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final String exchange;
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();

    WireEvents(RabbitTemplate rabbit, ObjectMapper objectMapper, String exchange) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.exchange = exchange;
    }

    String userRegistered(String username) {
        String userId = UUID.randomUUID().toString();
        publish(new UserRegistered(userId, username, username + "@shutter.test", username, Instant.now()), userId);
        return userId;
    }

    String deviceRegistered(String userId) {
        String token = "token-" + UUID.randomUUID();
        deviceRegistered(userId, token);
        return token;
    }

    void deviceRegistered(String userId, String token) {
        publish(new DeviceRegistered(userId, token, "android"), userId);
    }

    void deviceRemoved(String userId, String token) {
        publish(new DeviceRemoved(userId, token), userId);
    }

    Message followed(String followerId, String followeeId) {
        String followId = followerId + ":" + followeeId;
        return publish(new UserFollowed(followId, followerId, followeeId, Instant.now()), followId);
    }

    void unfollowed(String followerId, String followeeId) {
        String followId = followerId + ":" + followeeId;
        publish(new UserUnfollowed(followId, followerId, followeeId, Instant.now()), followId);
    }

    /** Publishes a post and returns its message, so a test can deliver it again. */
    Message postPublished(String authorId, String postId) {
        return publish(
                new PostPublished(postId, authorId, "golden hour", List.of("media-" + postId), Instant.now()), postId);
    }

    void redeliver(Message message) {
        rabbit.send(exchange, message.getMessageProperties().getHeader(WireHeaders.MESSAGE_TYPE), message);
    }

    void publishRaw(String type, String body) {
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

    private Message publish(Record event, String aggregateId) {
        long sequence = nextSequence.merge(aggregateId, 0L, (last, ignored) -> last + 1);
        Message message = MessageBuilder.withBody(json(event))
                .setContentType("application/json")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString())
                .setHeader(WireHeaders.MESSAGE_TYPE, event.getClass().getName())
                .setHeader(WireHeaders.TIMESTAMP, System.currentTimeMillis())
                .setHeader(WireHeaders.AGGREGATE_ID, aggregateId)
                .setHeader(WireHeaders.AGGREGATE_SEQUENCE, sequence)
                .setHeader(WireHeaders.AGGREGATE_TYPE, aggregateType(event))
                .build();
        rabbit.send(exchange, AmqpTopology.routingKey(event.getClass()), message);
        return message;
    }

    private static String aggregateType(Record event) {
        String feature = event.getClass().getPackageName();
        return feature.endsWith(".user") ? "User" : feature.endsWith(".follow") ? "Follow" : "Post";
    }

    private byte[] json(Record event) {
        try {
            return objectMapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
