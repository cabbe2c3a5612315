package dev.shutter.projections.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashtagsTest {

    @Test
    void findsEachTagOnceLowerCasedInOrder() {
        assertThat(Hashtags.in("#Sunset at the #beach, #SUNSET again #summer_2024"))
                .containsExactly("sunset", "beach", "summer_2024");
    }

    @Test
    void acceptsLettersOfAnyScriptAndTreatsComposedAndDecomposedAccentsAlike() {
        assertThat(Hashtags.in("#Café #cafe\u0301 #東京 #ζωή")).containsExactly("café", "東京", "ζωή");
    }

    @Test
    void aHashInsideAWordOrAnEntityOrWithoutALetterIsNoTag() {
        assertThat(Hashtags.in("C#sharp it&#39;s #1 ## # #_")).isEmpty();
    }

    @Test
    void aTagEndsAtPunctuation() {
        assertThat(Hashtags.in("(#one), #two! #three.")).containsExactly("one", "two", "three");
    }

    @Test
    void keepsAtMostThirtyTagsAndNoneOverAHundredCharacters() {
        StringBuilder caption = new StringBuilder("#" + "a".repeat(101));
        for (int i = 0; i < 40; i++) {
            caption.append(" #t").append(i);
        }
        assertThat(Hashtags.in(caption.toString())).hasSize(30).startsWith("t0").endsWith("t29");
    }
}
