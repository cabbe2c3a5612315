package dev.shutter.push.inbox;

import dev.shutter.push.settings.NotificationType;
import dev.shutter.push.settings.SettingsStore;
import dev.shutter.push.text.Texts;
import dev.shutter.push.user.Users;
import dev.shutter.push.web.InvalidRequestException;
import dev.shutter.push.web.InvalidRequestException.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's in-app notifications: grouped pages newest first, the unread count, and marking them seen. */
@RestController
class InboxController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final Inbox inbox;
    private final Users users;
    private final SettingsStore settings;
    private final Clock clock = Clock.systemUTC();

    InboxController(Inbox inbox, Users users, SettingsStore settings) {
        this.inbox = inbox;
        this.users = users;
        this.settings = settings;
    }

    @GetMapping("/api/notifications")
    Page list(
            @AuthenticationPrincipal Jwt caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        int size = limit(limit);
        Inbox.Cursor after = cursor == null || cursor.isEmpty() ? null : decode(cursor);
        String me = caller.getSubject();
        List<Document> groups = inbox.page(me, after, size + 1);
        boolean more = groups.size() > size;
        List<Document> shown = more ? groups.subList(0, size) : groups;
        Set<String> actorIds = new HashSet<>();
        shown.forEach(group -> actorIds.addAll(group.getList("recentActorIds", String.class, List.of())));
        Map<String, String> names = users.usernamesOf(actorIds);
        String language = settings.of(me).language();
        Instant seenAt = inbox.seenAt(me);
        List<Item> items = shown.stream()
                .map(group -> item(group, names, language, seenAt))
                .toList();
        String next = more ? encode(shown.get(shown.size() - 1)) : null;
        return new Page(items, next);
    }

    @GetMapping("/api/notifications/unread-count")
    UnreadCount unreadCount(@AuthenticationPrincipal Jwt caller) {
        return new UnreadCount(inbox.unseen(caller.getSubject()));
    }

    @PostMapping("/api/notifications/seen")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void seen(@AuthenticationPrincipal Jwt caller) {
        inbox.markSeen(caller.getSubject(), clock.instant());
    }

    private static Item item(Document group, Map<String, String> names, String language, Instant seenAt) {
        NotificationType type = NotificationType.ofWireName(group.getString("type"));
        List<Actor> actors = group.getList("recentActorIds", String.class, List.of()).stream()
                .map(id -> new Actor(id, names.get(id)))
                .toList();
        long count = ((Number) group.get("actorCount")).longValue();
        List<String> known = actors.stream()
                .map(Actor::username)
                .filter(name -> name != null)
                .toList();
        Instant latestAt = group.getDate("latestAt").toInstant();
        return new Item(
                type.wireName(),
                group.getString("postId"),
                actors,
                count,
                Texts.grouped(type, language, known, count),
                latestAt,
                !latestAt.isAfter(seenAt));
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(
                List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
    }

    private static String encode(Document group) {
        String position = group.getDate("latestAt").toInstant().toEpochMilli() + "|" + group.getString("_id");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static Inbox.Cursor decode(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = position.indexOf('|');
            return new Inbox.Cursor(
                    Instant.ofEpochMilli(Long.parseLong(position.substring(0, bar))), position.substring(bar + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidRequestException(List.of(new FieldError("cursor", "is not a cursor this API gave out")));
        }
    }

    record Page(List<Item> items, String nextCursor) {}

    record Item(
            String type,
            String postId,
            List<Actor> actors,
            long actorCount,
            String text,
            Instant latestAt,
            boolean seen) {}

    record Actor(String id, String username) {}

    record UnreadCount(long count) {}
}
