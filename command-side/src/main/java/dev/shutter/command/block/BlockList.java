package dev.shutter.command.block;

import java.util.Collection;
import java.util.Set;

/** Who blocks whom, as the aggregates ask it: a block in either direction keeps two users apart. */
public interface BlockList {

    /** Whether either of the two users blocks the other. */
    boolean eitherBlocks(String userId, String otherUserId);

    /** Those of {@code userIds} who block {@code userId}. */
    Set<String> blockersOf(String userId, Collection<String> userIds);
}
