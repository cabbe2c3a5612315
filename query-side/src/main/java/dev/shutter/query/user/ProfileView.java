package dev.shutter.query.user;

record ProfileView(
        String id,
        String username,
        String displayName,
        String bio,
        String avatarUrl,
        long followerCount,
        long followingCount,
        long postCount) {}
