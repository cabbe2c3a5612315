package dev.shutter.platform.consumer;

import java.util.List;
import java.util.Optional;

/**
 * Where consumers park what they could not handle, kept in the store the service owns, so that it survives restarts
 * and every instance of the service sees the same letters.
 */
public interface DeadLetterStore {

    /** Whether any letter of this sequence is parked, so that later events of it must wait behind. */
    boolean isParked(String consumer, String sequenceKey);

    /** Keeps a letter; one with the same id kept already stays as it is. */
    void park(DeadLetter letter);

    /** The letters of one sequence in the order they were parked, which is the order they arrived in. */
    List<DeadLetter> sequence(String consumer, String sequenceKey);

    /** The letters of a consumer, oldest first. */
    List<DeadLetter> list(String consumer, int limit);

    long count(String consumer);

    Optional<DeadLetter> find(String consumer, String id);

    /** Records another failed attempt of a letter. */
    void update(DeadLetter letter);

    void delete(String consumer, String id);

    /**
     * Forgets a user who deleted their account: every letter of the user's own aggregate, and every letter whose
     * message mentions the user's id.
     *
     * @return how many letters were removed
     */
    long forget(String consumer, String userId);
}
