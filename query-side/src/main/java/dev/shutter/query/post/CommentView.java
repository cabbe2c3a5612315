package dev.shutter.query.post;

import dev.shutter.query.user.UserSummary;
import java.time.Instant;

record CommentView(String id, UserSummary author, String text, Instant createdAt) {}
