package dev.shutter.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void readsBackTheSortKeyItEncoded() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-23T09:30:00.123Z"), "follower:followee");

        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void isUrlSafe() {
        String encoded = new Cursor(Instant.ofEpochMilli(1_790_000_000_000L), "??>>~~").encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void rejectsTextWithoutAnId() {
        String encoded = Base64.getUrlEncoder().encodeToString("1790000000000:".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Cursor.decode(encoded)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void rejectsAnythingThatIsNotBase64() {
        assertThatThrownBy(() -> Cursor.decode("not base64!")).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void rejectsATimeOutOfRange() {
        String encoded =
                Base64.getUrlEncoder().encodeToString(("9" + Long.MAX_VALUE + ":p1").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Cursor.decode(encoded)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void defaultsToTwentyItemsAndTheFirstPage() {
        PageRequest request = PageRequest.of(null, null);

        assertThat(request.limit()).isEqualTo(20);
        assertThat(request.firstPage()).isTrue();
    }

    @Test
    void acceptsLimitsFromOneToOneHundred() {
        assertThat(PageRequest.of("1", null).limit()).isEqualTo(1);
        assertThat(PageRequest.of("100", null).limit()).isEqualTo(100);
        assertThatThrownBy(() -> PageRequest.of("101", null)).isInstanceOf(ValidationFailedException.class);
        assertThatThrownBy(() -> PageRequest.of("-5", null)).isInstanceOf(ValidationFailedException.class);
    }
}
