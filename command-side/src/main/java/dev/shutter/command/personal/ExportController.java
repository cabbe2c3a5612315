package dev.shutter.command.personal;

import dev.shutter.command.personal.PersonalData.Account;
import dev.shutter.command.personal.PersonalData.Media;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/users/me/export}: the caller's data as one JSON document, read from the source of truth - the
 * account row, the photos the command side knows, and every event that names the caller - rather than from read
 * models, which hold only views of it; plus what push-dispatcher alone keeps (notification settings and inbox), read
 * from its API with the caller's token. When push-dispatcher does not answer there is no export (503), never an
 * incomplete one.
 */
@RestController
class ExportController {

    private final JdbcClient jdbc;
    private final PersonalHistory history;
    private final NotificationData notificationData;
    private final Clock clock;

    ExportController(JdbcClient jdbc, PersonalHistory history, NotificationData notificationData, Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.notificationData = notificationData;
        this.clock = clock;
    }

    @GetMapping("/api/users/me/export")
    @Transactional(readOnly = true)
    ResponseEntity<PersonalData> export(@AuthenticationPrincipal Jwt caller) {
        String userId = caller.getSubject();
        Account account = account(userId).orElseThrow(() -> new AccountGoneException(userId));
        HistoryFold fold = new HistoryFold(userId).apply(history.about(userId));
        NotificationData.Held notifications = notificationData.of(caller.getTokenValue());
        PersonalData data = new PersonalData(
                clock.instant(),
                account,
                fold.profile(),
                fold.usernames(),
                fold.devices(),
                fold.signIns(),
                fold.following(),
                fold.followers(),
                fold.followRequestsSent(),
                fold.followRequestsReceived(),
                fold.blocked(),
                fold.posts(),
                fold.comments(),
                fold.likes(),
                media(userId),
                notifications.settings(),
                notifications.notifications());
        ContentDisposition attachment = ContentDisposition.attachment()
                .filename("shutter-export-" + userId + ".json")
                .build();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment.toString())
                .body(data);
    }

    private Optional<Account> account(String userId) {
        return jdbc.sql("SELECT user_id, username, email, created_at FROM accounts WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> new Account(
                        rs.getString("user_id"),
                        rs.getString("username"),
                        rs.getString("email"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    private List<Media> media(String userId) {
        return jdbc.sql("SELECT media_id, state, stored_at FROM media WHERE owner_id = ? ORDER BY stored_at, media_id")
                .param(userId)
                .query((rs, row) -> {
                    Timestamp storedAt = rs.getTimestamp("stored_at");
                    return new Media(
                            rs.getString("media_id"),
                            rs.getString("state"),
                            storedAt == null ? null : storedAt.toInstant());
                })
                .list();
    }
}
