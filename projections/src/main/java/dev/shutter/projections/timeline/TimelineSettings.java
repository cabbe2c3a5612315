package dev.shutter.projections.timeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * How the timelines view fans out, from {@code shutter.timelines.*}:
 *
 * <ul>
 *   <li>{@code home-cap} (800): the newest entries kept in a home timeline; older pages are read from the
 *       followees' own timelines;
 *   <li>{@code fan-out-threshold} (10,000): an account with more followers is not fanned out; its posts are merged
 *       into its followers' pages when they read;
 *   <li>{@code inactivity} (30 days): a user without a sign-in, registration or post for that long is not fanned out
 *       to; their home timeline is regenerated when they come back;
 *   <li>{@code posts-on-follow} (100): how many of an account's newest posts a follow brings into the follower's home
 *       timeline (also per followee when a home timeline is regenerated).
 * </ul>
 */
@ConfigurationProperties("shutter.timelines")
record TimelineSettings(Integer homeCap, Integer fanOutThreshold, Duration inactivity, Integer postsOnFollow) {

    static final int DEFAULT_HOME_CAP = 800;
    static final int DEFAULT_FAN_OUT_THRESHOLD = 10_000;
    static final Duration DEFAULT_INACTIVITY = Duration.ofDays(30);
    static final int DEFAULT_POSTS_ON_FOLLOW = 100;

    TimelineSettings {
        homeCap = positiveOr(homeCap, DEFAULT_HOME_CAP);
        fanOutThreshold = positiveOr(fanOutThreshold, DEFAULT_FAN_OUT_THRESHOLD);
        inactivity =
                inactivity == null || inactivity.isNegative() || inactivity.isZero() ? DEFAULT_INACTIVITY : inactivity;
        postsOnFollow = positiveOr(postsOnFollow, DEFAULT_POSTS_ON_FOLLOW);
    }

    static TimelineSettings defaults() {
        return new TimelineSettings(null, null, null, null);
    }

    private static int positiveOr(Integer value, int fallback) {
        return value == null || value < 1 ? fallback : value;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TimelineSettings.class)
    static class Registration {}
}
