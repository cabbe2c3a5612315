package dev.shutter.query.privacy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.shutter.query.config.ReadModels;
import dev.shutter.query.config.View;
import dev.shutter.query.web.NotFoundException;
import dev.shutter.query.web.PrivateAccountException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may see what, from the {@code social} view ({@code blocks_g<N>}, {@code privacy_g<N>}, {@code follows_g<N>}):
 *
 * <ul>
 *   <li>a block, either way, hides each of the two users from the other: profile, posts, comments, likes and lists;
 *   <li>a private account's posts, followers and following are for the owner and their approved followers (an active
 *       follow); everyone else sees its profile header only.
 * </ul>
 *
 * Each check is one or two queries, whatever the number of users it is asked about.
 */
@Component
public class Visibility {

    private final ReadModels readModels;

    Visibility(ReadModels readModels) {
        this.readModels = readModels;
    }

    /** The viewer with every user a block hides from them: one query. */
    public Viewer viewer(String viewerId) {
        Set<String> hidden = new HashSet<>();
        readModels
                .collection(View.SOCIAL, "blocks")
                .find(Filters.and(
                        Filters.eq("active", true),
                        Filters.or(Filters.eq("blockerId", viewerId), Filters.eq("blockedId", viewerId))))
                .projection(Projections.include("blockerId", "blockedId"))
                .forEach(block -> {
                    hidden.add(block.getString("blockerId"));
                    hidden.add(block.getString("blockedId"));
                });
        hidden.remove(viewerId);
        return new Viewer(viewerId, hidden);
    }

    /** 404 {@code NOT_FOUND} when a block hides the user from the viewer, as if the user did not exist. */
    public void requireVisible(Viewer viewer, String userId) {
        if (viewer.hides(userId)) {
            throw new NotFoundException("User", userId);
        }
    }

    /** 403 {@code PRIVATE_ACCOUNT} unless the viewer may see the owner's posts, followers and following. */
    public void requireReadable(Viewer viewer, String ownerId) {
        requireVisible(viewer, ownerId);
        if (!readable(viewer, Set.of(ownerId)).contains(ownerId)) {
            throw new PrivateAccountException(ownerId);
        }
    }

    /**
     * Those of the owners whose posts the viewer may see: not hidden by a block, and public, the viewer's own or
     * followed by the viewer. One query, two when private accounts are among them.
     */
    public Set<String> readable(Viewer viewer, Collection<String> ownerIds) {
        Set<String> readable = new LinkedHashSet<>(ownerIds);
        readable.removeIf(viewer::hides);
        Set<String> others = new HashSet<>(readable);
        others.remove(viewer.id());
        if (others.isEmpty()) {
            return readable;
        }
        Set<String> closed = privateAmong(others);
        if (!closed.isEmpty()) {
            closed.removeAll(followedBy(viewer.id(), closed));
            readable.removeAll(closed);
        }
        return readable;
    }

    /** Whether the user made their account private: one query. */
    public boolean isPrivate(String userId) {
        return !privateAmong(Set.of(userId)).isEmpty();
    }

    /** Read by {@code _id} alone, and filtered here, so that every store answers it from its primary index. */
    private Set<String> privateAmong(Collection<String> userIds) {
        Set<String> found = new HashSet<>();
        readModels
                .collection(View.SOCIAL, "privacy")
                .find(Filters.in("_id", userIds))
                .projection(Projections.include("_id", "privateAccount"))
                .forEach(account -> {
                    if (Boolean.TRUE.equals(account.getBoolean("privateAccount"))) {
                        found.add(account.getString("_id"));
                    }
                });
        return found;
    }

    private Set<String> followedBy(String followerId, Collection<String> followeeIds) {
        Set<String> followed = new HashSet<>();
        readModels
                .collection(View.SOCIAL, "follows")
                .find(Filters.and(
                        Filters.eq("followerId", followerId),
                        Filters.in("followeeId", followeeIds),
                        Filters.eq("active", true)))
                .projection(Projections.include("followeeId"))
                .forEach(edge -> followed.add(edge.getString("followeeId")));
        return followed;
    }
}
