package dev.shutter.query.privacy;

import java.util.Set;

/**
 * The user a read is answered for (the JWT subject), with every user a block hides from them: those they blocked and
 * those who blocked them. Read once per request by {@link Visibility#viewer}.
 */
public record Viewer(String id, Set<String> hidden) {

    public Viewer {
        hidden = Set.copyOf(hidden);
    }

    /** Whether a block, either way, stands between the viewer and the user. */
    public boolean hides(String userId) {
        return hidden.contains(userId);
    }
}
