package dev.shutter.query.user;

/**
 * A profile header. {@code privateAccount}: only the owner and approved followers see the account's posts, followers
 * and following; everyone sees this header and its counts.
 */
record ProfileView(
        String id,
        String username,
        String displayName,
        String bio,
        String avatarUrl,
        long followerCount,
        long followingCount,
        long postCount,
        boolean privateAccount) {

    ProfileView withPrivateAccount(boolean privateAccount) {
        return new ProfileView(
                id, username, displayName, bio, avatarUrl, followerCount, followingCount, postCount, privateAccount);
    }
}
