package dev.shutter.command.block;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The blocks, the command side's lookup table for the rules between two users, written in the same transaction as
 * the Block aggregate's events.
 */
@Repository
public class Blocks implements BlockList {

    private final JdbcClient jdbc;

    Blocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean eitherBlocks(String userId, String otherUserId) {
        return jdbc.sql(
                                """
                                SELECT count(*) FROM blocks
                                WHERE (blocker_id = :a AND blocked_id = :b) OR (blocker_id = :b AND blocked_id = :a)""")
                        .param("a", userId)
                        .param("b", otherUserId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public Set<String> blockersOf(String userId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT blocker_id FROM blocks WHERE blocked_id = :user AND blocker_id IN (:ids)")
                .param("user", userId)
                .param("ids", List.copyOf(userIds))
                .query(String.class)
                .list());
    }

    public void add(String blockerId, String blockedId, Instant at) {
        jdbc.sql(
                        """
                        INSERT INTO blocks (blocker_id, blocked_id, blocked_at) VALUES (?, ?, ?)
                        ON CONFLICT (blocker_id, blocked_id) DO NOTHING""")
                .params(blockerId, blockedId, Timestamp.from(at))
                .update();
    }

    public void remove(String blockerId, String blockedId) {
        jdbc.sql("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?")
                .params(blockerId, blockedId)
                .update();
    }

    /**
     * Holds, until the transaction ends, every other transaction that changes how the two users relate (a block, a
     * follow, a follow request), so a block can never miss a follow committed next to it.
     */
    public void lockPair(String userId, String otherUserId) {
        String pair = userId.compareTo(otherUserId) < 0 ? userId + ":" + otherUserId : otherUserId + ":" + userId;
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))")
                .param(pair)
                .query()
                .listOfRows();
    }
}
