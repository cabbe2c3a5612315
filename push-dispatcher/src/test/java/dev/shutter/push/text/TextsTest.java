package dev.shutter.push.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.push.settings.NotificationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void cutsALongCaptionOnACodePointBoundaryWithAnEllipsis() {
        String caption = "📷".repeat(2_200);

        String snippet = Texts.snippet(caption);

        assertThat(snippet.codePointCount(0, snippet.length())).isEqualTo(Texts.SNIPPET_CODE_POINTS + 1);
        assertThat(snippet).startsWith("📷📷").endsWith("📷…");
        assertThat(Character.isHighSurrogate(snippet.charAt(snippet.length() - 2)))
                .isFalse();
    }

    @Test
    void keepsAShortCaptionWholeOnOneLine() {
        assertThat(Texts.snippet("  golden\n\nhour  ")).isEqualTo("golden hour");
        assertThat(Texts.snippet(null)).isNull();
    }

    @Test
    void namesUpToTwoActorsAndCountsTheRest() {
        assertThat(Texts.grouped(NotificationType.LIKE, "en", List.of("alice"), 1))
                .isEqualTo("alice liked your post");
        assertThat(Texts.grouped(NotificationType.LIKE, "en", List.of("alice", "bob"), 2))
                .isEqualTo("alice and bob liked your post");
        assertThat(Texts.grouped(NotificationType.LIKE, "en", List.of("alice", "bob", "carol"), 3))
                .isEqualTo("alice, bob and 1 other liked your post");
        assertThat(Texts.grouped(NotificationType.LIKE, "en", List.of("alice", "bob", "carol"), 5))
                .isEqualTo("alice, bob and 3 others liked your post");
        assertThat(Texts.grouped(NotificationType.NEW_FOLLOWER, "en", List.of("alice", "bob"), 7))
                .isEqualTo("alice, bob and 5 others started following you");
    }

    @Test
    void speaksTheReadersLanguageAndFallsBackToEnglish() {
        assertThat(Texts.title(NotificationType.COMMENT, "fr")).isEqualTo("Nouveau commentaire");
        assertThat(Texts.body(NotificationType.COMMENT, "de-AT", "bob", "toll"))
                .isEqualTo("bob hat deinen Beitrag kommentiert: toll");
        assertThat(Texts.body(NotificationType.LIKE, "ja", "bob", null)).isEqualTo("bob liked your post");
        assertThat(Texts.body(NotificationType.LIKE, "es", null, null)).isEqualTo("A Alguien le gustó tu publicación");
    }

    @Test
    void everyNotificationTypeHasATitleAndABodyInEveryLanguage() {
        for (NotificationType type : NotificationType.values()) {
            for (String language : List.of("en", "de", "fr", "es")) {
                assertThat(Texts.title(type, language))
                        .as(type + " " + language)
                        .isNotBlank();
                assertThat(Texts.body(type, language, "bob", null))
                        .as(type + " " + language)
                        .contains("bob");
            }
        }
        assertThat(Texts.body(NotificationType.FOLLOW_REQUEST, "de", "bob", null))
                .isEqualTo("bob möchte dir folgen");
    }
}
