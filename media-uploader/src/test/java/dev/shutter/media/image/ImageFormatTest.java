package dev.shutter.media.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.media.TestImages;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

    @Test
    void recognisesJpegPngAndWebpByTheirLeadingBytes() {
        assertThat(ImageFormat.detect(TestImages.jpeg(8, 8))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.detect(TestImages.png(8, 8))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.detect(TestImages.webp())).contains(ImageFormat.WEBP);
    }

    @Test
    void rejectsAnHtmlPageWhateverItIsCalled() {
        byte[] html = "<!DOCTYPE html><html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8);

        assertThat(ImageFormat.detect(html)).isEmpty();
    }

    @Test
    void rejectsARiffFileThatIsNotWebp() {
        byte[] wave = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII);

        assertThat(ImageFormat.detect(wave)).isEmpty();
    }

    @Test
    void rejectsGifAndFilesTooShortToTell() {
        assertThat(ImageFormat.detect("GIF89a".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
        assertThat(ImageFormat.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(ImageFormat.detect(new byte[0])).isEmpty();
    }
}
