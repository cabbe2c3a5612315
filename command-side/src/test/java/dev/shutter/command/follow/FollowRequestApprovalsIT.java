package dev.shutter.command.follow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.command.CommandSideIntegrationTest;
import dev.shutter.command.user.ChangePrivacy;
import dev.shutter.events.follow.UserFollowed;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/** A switch to public whose approvals were cut off (the service died after the switch) is finished later. */
class FollowRequestApprovalsIT extends CommandSideIntegrationTest {

    @Autowired
    FollowRequestApprovals approvals;

    @Autowired
    PrivateAccounts privateAccounts;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void aSwitchCutOffBeforeItsApprovalsHasThemApprovedOnceByTheNextSweep() {
        String owner = register(uniqueName("owner"));
        String ownerToken = tokenOf(usernameOf(owner));
        String ada = register(uniqueName("ada"));
        String bob = register(uniqueName("bob"));
        assertThat(call(HttpMethod.PUT, "/api/users/me/privacy", ownerToken, Map.of("private", true))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        requestToFollow(ada, owner);
        requestToFollow(bob, owner);

        Instant at = Instant.now();
        transaction.executeWithoutResult(status -> {
            privateAccounts.set(owner, false, at);
            commandGateway.sendAndWait(new ChangePrivacy(owner, false, at));
            approvals.switchedToPublic(owner, at);
        });
        ResponseEntity<JsonNode> decline =
                call(HttpMethod.DELETE, "/api/users/me/follow-requests/" + ada, ownerToken, null);
        approvals.finishUnfinished();
        approvals.finishUnfinished();

        assertThat(decline.getStatusCode())
                .as("what the switch approved cannot be declined")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(eventCount(Follow.idOf(ada, owner), UserFollowed.class)).isEqualTo(1);
        assertThat(eventCount(Follow.idOf(bob, owner), UserFollowed.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM follow_requests WHERE followee_id = ?", Long.class, owner))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM public_switches WHERE user_id = ?", Long.class, owner))
                .isZero();
    }

    private void requestToFollow(String follower, String followee) {
        String token = tokenOf(usernameOf(follower));
        assertThat(call(HttpMethod.PUT, "/api/users/me/following/" + followee, token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    private String usernameOf(String userId) {
        return jdbc.queryForObject("SELECT username FROM accounts WHERE user_id = ?", String.class, userId);
    }
}
