package dev.shutter.query.user;

/** How a user appears next to their posts, comments and in follower lists. */
public record UserSummary(String id, String username, String displayName, String avatarUrl) {

    /** A user the profiles view does not know yet (views are updated independently): the id is all there is. */
    static UserSummary unknown(String id) {
        return new UserSummary(id, null, null, null);
    }
}
