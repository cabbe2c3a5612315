package dev.shutter.command.follow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The pending follow requests, so all of an account's requests can be approved at once. */
@Repository
class FollowRequests {

    private final JdbcClient jdbc;

    FollowRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String followerId, String followeeId, Instant at) {
        jdbc.sql(
                        """
                        INSERT INTO follow_requests (followee_id, follower_id, requested_at) VALUES (?, ?, ?)
                        ON CONFLICT (followee_id, follower_id) DO NOTHING""")
                .params(followeeId, followerId, Timestamp.from(at))
                .update();
    }

    void remove(String followerId, String followeeId) {
        jdbc.sql("DELETE FROM follow_requests WHERE followee_id = ? AND follower_id = ?")
                .params(followeeId, followerId)
                .update();
    }

    /** Up to {@code limit} of those who asked to follow {@code followeeId} until {@code until}, oldest first. */
    List<String> requestersOf(String followeeId, Instant until, int limit) {
        return jdbc.sql(
                        """
                        SELECT follower_id FROM follow_requests WHERE followee_id = ? AND requested_at <= ?
                        ORDER BY requested_at, follower_id LIMIT ?""")
                .params(followeeId, Timestamp.from(until), limit)
                .query(String.class)
                .list();
    }
}
