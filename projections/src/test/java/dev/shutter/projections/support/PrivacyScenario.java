package dev.shutter.projections.support;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.AccountPrivacyChanged;
import dev.shutter.events.user.UserRegistered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A history of private accounts and blocks with fresh ids, as the command side emits it: dave makes his account
 * private and posts; erin's follow request is approved, frank's declined; frank follows erin, who posts and then
 * blocks frank (the block ends frank's follow); frank asks dave again, and dave going public approves the request.
 * Global indexes continue from a start value.
 */
public final class PrivacyScenario {

    public final String dave = UUID.randomUUID().toString();
    public final String erin = UUID.randomUUID().toString();
    public final String frank = UUID.randomUUID().toString();
    public final String erinFollowsDave = erin + ":" + dave;
    public final String frankFollowsDave = frank + ":" + dave;
    public final String frankFollowsErin = frank + ":" + erin;
    public final String erinBlocksFrank = "block-" + erin + ":" + frank;
    public final String davesPost = UUID.randomUUID().toString();
    public final String erinsPost = UUID.randomUUID().toString();
    private final Instant start = Instant.parse("2024-06-01T12:00:00Z");
    private long globalIndex;

    public PrivacyScenario(long firstGlobalIndex) {
        this.globalIndex = firstGlobalIndex;
    }

    public List<StoredEvent> history() {
        List<StoredEvent> events = new ArrayList<>();
        for (String user : List.of(dave, erin, frank)) {
            String name = "u" + user.substring(0, 8);
            events.add(next("User", user, 0, new UserRegistered(user, name, name + "@example.com", name, start)));
        }
        events.add(next("User", dave, 1, new AccountPrivacyChanged(dave, true, at(10))));
        events.add(next(
                "Post",
                davesPost,
                0,
                new PostPublished(davesPost, dave, "Private", List.of("m-" + davesPost), at(20))));
        events.add(next("Follow", erinFollowsDave, 0, new FollowRequested(erinFollowsDave, erin, dave, at(30))));
        events.add(next("Follow", frankFollowsDave, 0, new FollowRequested(frankFollowsDave, frank, dave, at(40))));
        events.add(next("Follow", erinFollowsDave, 1, new UserFollowed(erinFollowsDave, erin, dave, at(50))));
        events.add(
                next("Follow", frankFollowsDave, 1, new FollowRequestDeclined(frankFollowsDave, frank, dave, at(60))));
        events.add(next("Follow", frankFollowsErin, 0, new UserFollowed(frankFollowsErin, frank, erin, at(70))));
        events.add(next(
                "Post", erinsPost, 0, new PostPublished(erinsPost, erin, "Public", List.of("m-" + erinsPost), at(80))));
        events.add(next("Block", erinBlocksFrank, 0, new UserBlocked(erinBlocksFrank, erin, frank, at(90))));
        events.add(next("Follow", frankFollowsErin, 1, new UserUnfollowed(frankFollowsErin, frank, erin, at(90))));
        events.add(next("Follow", frankFollowsDave, 2, new FollowRequested(frankFollowsDave, frank, dave, at(100))));
        events.add(next("User", dave, 2, new AccountPrivacyChanged(dave, false, at(110))));
        events.add(next("Follow", frankFollowsDave, 3, new UserFollowed(frankFollowsDave, frank, dave, at(110))));
        return events;
    }

    private Instant at(long seconds) {
        return start.plusSeconds(seconds);
    }

    private StoredEvent next(String aggregateType, String aggregateId, long sequence, Record payload) {
        return StoredEvent.of(globalIndex++, aggregateType, aggregateId, sequence, payload);
    }
}
