package dev.shutter.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.media.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    private static final ImageLimits LIMITS = new ImageLimits(40_000_000, 12_000);

    @TempDir
    Path dir;

    @Test
    void readsTheDimensionsAndPixelsOfAJpeg() throws IOException {
        DecodedImage image = ImageDecoder.decode(file(TestImages.jpeg(640, 480)), LIMITS);

        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(image.width()).isEqualTo(640);
        assertThat(image.height()).isEqualTo(480);
        assertThat(image.pixels().getWidth()).isEqualTo(640);
    }

    @Test
    void readsAPngWithTransparency() throws IOException {
        DecodedImage image = ImageDecoder.decode(file(TestImages.png(300, 200)), LIMITS);

        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.width()).isEqualTo(300);
        assertThat(image.height()).isEqualTo(200);
    }

    @Test
    void decodesAWebp() throws IOException {
        DecodedImage image = ImageDecoder.decode(file(TestImages.webp()), LIMITS);

        assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(image.width()).isEqualTo(48);
        assertThat(image.height()).isEqualTo(32);
        Color left = new Color(image.pixels().getRGB(6, 16));
        Color right = new Color(image.pixels().getRGB(42, 16));
        assertThat(left.getRed()).isGreaterThan(150);
        assertThat(left.getBlue()).isLessThan(90);
        assertThat(right.getBlue()).isGreaterThan(150);
        assertThat(right.getRed()).isLessThan(90);
    }

    @Test
    void turnsAJpegUprightByItsExifOrientation() throws IOException {
        DecodedImage image = ImageDecoder.decode(file(TestImages.jpegWithExifOrientation(200, 100, 6)), LIMITS);

        assertThat(image.width()).isEqualTo(100);
        assertThat(image.height()).isEqualTo(200);
        assertThat(image.pixels().getWidth()).isEqualTo(100);
        Color top = new Color(image.pixels().getRGB(50, 20));
        Color bottom = new Color(image.pixels().getRGB(50, 180));
        assertThat(top.getRed()).isGreaterThan(200);
        assertThat(top.getBlue()).isLessThan(60);
        assertThat(bottom.getBlue()).isGreaterThan(200);
        assertThat(bottom.getRed()).isLessThan(60);
    }

    @Test
    void mirrorsAJpegWhoseExifSaysSo() throws IOException {
        DecodedImage image = ImageDecoder.decode(file(TestImages.jpegWithExifOrientation(200, 100, 2)), LIMITS);

        assertThat(image.width()).isEqualTo(200);
        assertThat(new Color(image.pixels().getRGB(20, 50)).getBlue()).isGreaterThan(200);
        assertThat(new Color(image.pixels().getRGB(180, 50)).getRed()).isGreaterThan(200);
    }

    @Test
    void refusesAHugeCanvasFromItsHeaderAlone() throws IOException {
        Path declaresHugeCanvas = file(TestImages.pngHeaderOnly(50_000, 50_000));

        assertThatThrownBy(() -> ImageDecoder.decode(declaresHugeCanvas, LIMITS))
                .isInstanceOf(ImageTooLargeException.class)
                .extracting("code")
                .isEqualTo("IMAGE_TOO_LARGE");
    }

    @Test
    void refusesASideLongerThanTheLimitEvenWithFewPixels() throws IOException {
        Path panorama = file(TestImages.pngHeaderOnly(12_001, 10));

        assertThatThrownBy(() -> ImageDecoder.decode(panorama, LIMITS)).isInstanceOf(ImageTooLargeException.class);
    }

    @Test
    void reportsATruncatedJpegAsCorrupt() throws IOException {
        Path truncated = file(TestImages.truncatedJpeg());

        assertThatThrownBy(() -> ImageDecoder.decode(truncated, LIMITS))
                .isInstanceOf(CorruptImageException.class)
                .extracting("code")
                .isEqualTo("CORRUPT_IMAGE");
    }

    @Test
    void reportsAPngWithoutImageDataAsCorrupt() throws IOException {
        Path headerOnly = file(TestImages.pngHeaderOnly(100, 100));

        assertThatThrownBy(() -> ImageDecoder.decode(headerOnly, LIMITS)).isInstanceOf(CorruptImageException.class);
    }

    @Test
    void rejectsAFileThatIsNoImage() throws IOException {
        Path text = file("just text, named photo.jpg".getBytes());

        assertThatThrownBy(() -> ImageDecoder.decode(text, LIMITS)).isInstanceOf(UnsupportedImageTypeException.class);
    }

    @Test
    void decodesLargePhotosAtReducedResolutionButNeverBelowWhatTheVariantsNeed() {
        assertThat(ImageDecoder.subsampling(1600, 1200)).isEqualTo(1);
        assertThat(ImageDecoder.subsampling(8000, 5000)).isEqualTo(3);
        assertThat(8000 / ImageDecoder.subsampling(8000, 5000)).isGreaterThanOrEqualTo(2 * Variants.LARGE_WIDTH);
        assertThat(ImageDecoder.subsampling(12_000, 700)).isEqualTo(1);
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "upload", ".bin"), bytes);
    }
}
