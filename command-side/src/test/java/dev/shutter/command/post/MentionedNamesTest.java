package dev.shutter.command.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MentionedNamesTest {

    @Test
    void findsEveryMentionOnceInOrderLowerCased() {
        assertThat(MentionedNames.in("Hi @Bob and @cy_2, and @BOB again"))
                .containsExactly(List.of("bob"), List.of("cy_2"));
    }

    @Test
    void anAddressInAWordMentionsNobody() {
        assertThat(MentionedNames.in("mail bob@example.com or @@x or a@b")).isEmpty();
    }

    @Test
    void aDotEndingTheSentenceIsAlsoReadAsPunctuation() {
        assertThat(MentionedNames.in("Thanks @ada.")).containsExactly(List.of("ada.", "ada"));
        assertThat(MentionedNames.in("By @j.doe today")).containsExactly(List.of("j.doe"));
    }

    @Test
    void namesLongerThanAnyUsernameAreNoMention() {
        assertThat(MentionedNames.in("@" + "a".repeat(31) + " @" + "b".repeat(30)))
                .containsExactly(List.of("b".repeat(30)));
    }

    @Test
    void aTextWithoutMentionsHasNone() {
        assertThat(MentionedNames.in("Sunset #beach")).isEmpty();
        assertThat(MentionedNames.in(null)).isEmpty();
    }
}
