package dev.shutter.query.user;

import static dev.shutter.query.config.Documents.count;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.shutter.query.config.ReadModels;
import dev.shutter.query.config.View;
import dev.shutter.query.web.MediaUrls;
import dev.shutter.query.web.PageRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** Reads of the {@code profiles} view: collection {@code users_g<N>}. */
@Component
public class Profiles {

    private static final Bson SUMMARY_FIELDS = Projections.include("username", "displayName", "avatarMediaId");

    private final ReadModels readModels;
    private final MediaUrls mediaUrls;

    Profiles(ReadModels readModels, MediaUrls mediaUrls) {
        this.readModels = readModels;
        this.mediaUrls = mediaUrls;
    }

    Optional<ProfileView> byId(String id) {
        return Optional.ofNullable(users().find(Filters.eq("_id", id)).first()).map(this::profile);
    }

    Optional<ProfileView> byUsername(String username) {
        return Optional.ofNullable(users().find(Filters.eq("usernameLower", username.toLowerCase(Locale.ROOT)))
                        .first())
                .map(this::profile);
    }

    /**
     * Up to {@code limit + 1} users whose username, whole display name or a word of it starts with the folded
     * text, in username order after the page's cursor, the excluded users left out; one query.
     */
    List<Document> search(String folded, PageRequest page, Collection<String> excluded) {
        List<Bson> conditions = new ArrayList<>(List.of(Filters.or(
                Filters.regex("usernameLower", "^" + literal(folded)),
                Filters.regex("displayNameKeys", "^" + literal(folded)))));
        if (!page.firstPage()) {
            conditions.add(Filters.gt("usernameLower", page.after().id()));
        }
        if (!excluded.isEmpty()) {
            conditions.add(Filters.nin("_id", excluded));
        }
        Bson condition = Filters.and(conditions);
        List<Document> users = new ArrayList<>();
        users().find(condition)
                .projection(Projections.include("username", "usernameLower", "displayName", "avatarMediaId"))
                .sort(Sorts.ascending("usernameLower"))
                .limit(page.limit() + 1)
                .forEach(users::add);
        return users;
    }

    UserSummary summaryOf(Document user) {
        return summary(user);
    }

    /** The text as a regular expression that matches only itself: every character but letters and digits escaped. */
    private static String literal(String text) {
        StringBuilder pattern = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                pattern.append('\\');
            }
            pattern.appendCodePoint(c);
        });
        return pattern.toString();
    }

    public boolean exists(String id) {
        return users().find(Filters.eq("_id", id))
                        .projection(Projections.include("_id"))
                        .first()
                != null;
    }

    /** The summaries of all those users in one query; a user missing from the view gets an id-only summary. */
    public Map<String, UserSummary> summaries(Collection<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        Map<String, UserSummary> found = new HashMap<>();
        if (!distinct.isEmpty()) {
            users().find(Filters.in("_id", distinct))
                    .projection(SUMMARY_FIELDS)
                    .forEach(user -> found.put(user.getString("_id"), summary(user)));
        }
        distinct.forEach(id -> found.computeIfAbsent(id, UserSummary::unknown));
        return found;
    }

    private MongoCollection<Document> users() {
        return readModels.collection(View.PROFILES, "users");
    }

    private UserSummary summary(Document user) {
        return new UserSummary(
                user.getString("_id"),
                user.getString("username"),
                user.getString("displayName"),
                mediaUrls.avatar(user.getString("avatarMediaId")));
    }

    private ProfileView profile(Document user) {
        return new ProfileView(
                user.getString("_id"),
                user.getString("username"),
                user.getString("displayName"),
                user.getString("bio"),
                mediaUrls.avatar(user.getString("avatarMediaId")),
                count(user, "followerCount"),
                count(user, "followingCount"),
                count(user, "postCount"),
                false);
    }
}
