package dev.shutter.projections.timeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many entries wait in the arrivals of each home timeline, per generation. Kept in memory only: it decides when a
 * home is folded, never what it holds. A home this process has not counted yet is counted from the store at its first
 * arrival.
 */
final class ArrivalCounts {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /** Counts one more arrival for the owner and answers how many wait now, or -1 when the owner is not counted yet. */
    int arrived(int generation, String ownerId) {
        Integer waiting = counts.computeIfPresent(key(generation, ownerId), (key, count) -> count + 1);
        return waiting == null ? -1 : waiting;
    }

    /** So many arrivals wait for the owner, as the store has them. */
    void waiting(int generation, String ownerId, int count) {
        counts.put(key(generation, ownerId), count);
    }

    /** The owner's arrivals were folded: none waits. */
    void folded(int generation, String ownerId) {
        waiting(generation, ownerId, 0);
    }

    /** The owner is gone. */
    void forget(int generation, String ownerId) {
        counts.remove(key(generation, ownerId));
    }

    private static String key(int generation, String ownerId) {
        return generation + "/" + ownerId;
    }
}
