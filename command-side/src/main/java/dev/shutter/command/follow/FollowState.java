package dev.shutter.command.follow;

/** Where a follower stands with a followee after a command to their Follow aggregate. */
enum FollowState {
    NONE,
    REQUESTED,
    FOLLOWING
}
