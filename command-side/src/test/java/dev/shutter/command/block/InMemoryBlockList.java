package dev.shutter.command.block;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The blocks an aggregate test starts from, in memory. */
public final class InMemoryBlockList implements BlockList {

    private final Set<String> blocks = new HashSet<>();

    public InMemoryBlockList block(String blockerId, String blockedId) {
        blocks.add(blockerId + ">" + blockedId);
        return this;
    }

    @Override
    public boolean eitherBlocks(String userId, String otherUserId) {
        return blocks.contains(userId + ">" + otherUserId) || blocks.contains(otherUserId + ">" + userId);
    }

    @Override
    public Set<String> blockersOf(String userId, Collection<String> userIds) {
        return userIds.stream()
                .filter(blockerId -> blocks.contains(blockerId + ">" + userId))
                .collect(Collectors.toSet());
    }
}
