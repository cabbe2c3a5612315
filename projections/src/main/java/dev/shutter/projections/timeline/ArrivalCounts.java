package dev.shutter.projections.timeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many entries have arrived for each home timeline since its last fold, per generation. Kept in memory only: a
 * home this process has not folded yet is folded at its first arrival, so whatever an earlier process left waiting is
 * counted from then on.
 */
final class ArrivalCounts {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /**
     * Counts one more arrival for the owner and answers how many are waiting now, or {@link Integer#MAX_VALUE} when
     * this process has not folded the home yet.
     */
    int arrived(int generation, String ownerId) {
        Integer waiting = counts.computeIfPresent(key(generation, ownerId), (key, count) -> count + 1);
        return waiting == null ? Integer.MAX_VALUE : waiting;
    }

    /** The owner's arrivals were folded: none is waiting. */
    void folded(int generation, String ownerId) {
        counts.put(key(generation, ownerId), 0);
    }

    /** The owner is gone. */
    void forget(int generation, String ownerId) {
        counts.remove(key(generation, ownerId));
    }

    private static String key(int generation, String ownerId) {
        return generation + "/" + ownerId;
    }
}
