package dev.shutter.command.post;

import dev.shutter.command.user.Accounts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@code @username} mentions of a caption or comment to user ids through the
 * {@code accounts} table, in one query; names of no account are dropped.
 */
@Component
class Mentions {

    private final Accounts accounts;

    Mentions(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The ids of the users the text mentions, in order of first mention, each once. */
    List<String> resolve(String text) {
        List<List<String>> mentions = MentionedNames.in(text);
        if (mentions.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        mentions.forEach(names::addAll);
        Map<String, String> ids = accounts.userIdsByUsername(names);
        Set<String> resolved = new LinkedHashSet<>();
        for (List<String> candidates : mentions) {
            candidates.stream()
                    .filter(ids::containsKey)
                    .findFirst()
                    .map(ids::get)
                    .ifPresent(resolved::add);
        }
        return new ArrayList<>(resolved);
    }
}
