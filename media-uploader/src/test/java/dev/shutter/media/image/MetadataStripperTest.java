package dev.shutter.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.media.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStripperTest {

    private static final ImageLimits LIMITS = new ImageLimits(40_000_000, 12_000);

    @TempDir
    Path dir;

    @Test
    void dropsAJpegsGpsExifAndCommentsAndKeepsEveryOtherByte() throws IOException {
        byte[] plain = TestImages.jpeg(300, 200);
        byte[] fromPhone = TestImages.withSegment(
                TestImages.withGpsExif(plain), 0xFE, "taken at home".getBytes(StandardCharsets.US_ASCII));
        assertThat(TestImages.contains(fromPhone, TestImages.CAMERA)).isTrue();

        byte[] stripped = strip(ImageFormat.JPEG, fromPhone);

        assertThat(stripped).isEqualTo(plain);
        assertThat(TestImages.jpegMarkers(stripped)).doesNotContain(0xE1, 0xFE);
    }

    @Test
    void keepsTheOrientationOfAJpegAndNothingElseOfItsExif() throws IOException {
        byte[] turned = TestImages.withSegment(
                TestImages.jpegWithExifOrientation(200, 100, 6),
                0xFE,
                TestImages.CAMERA.getBytes(StandardCharsets.US_ASCII));

        byte[] stripped = strip(ImageFormat.JPEG, turned);

        assertThat(TestImages.contains(stripped, TestImages.CAMERA)).isFalse();
        assertThat(TestImages.jpegMarkers(stripped).stream().filter(marker -> marker == 0xE1))
                .hasSize(1);
        DecodedImage upright = ImageDecoder.decode(Files.write(dir.resolve("upright.jpg"), stripped), LIMITS);
        assertThat(upright.width()).isEqualTo(100);
        assertThat(upright.height()).isEqualTo(200);
    }

    @Test
    void dropsThePngTextAndExifChunksAndKeepsThePixels() throws IOException {
        byte[] plain = TestImages.png(120, 80);
        byte[] tagged = TestImages.withPngChunk(
                TestImages.withPngChunk(
                        plain, "tEXt", "Author\0Ada at 52.52N 13.40E".getBytes(StandardCharsets.ISO_8859_1)),
                "eXIf",
                ("MM\0*" + TestImages.CAMERA).getBytes(StandardCharsets.ISO_8859_1));

        byte[] stripped = strip(ImageFormat.PNG, tagged);

        assertThat(stripped).isEqualTo(plain);
    }

    @Test
    void dropsTheExifChunkOfAWebpAndClearsItsFlag() throws IOException {
        byte[] tagged = TestImages.webpWithExif();
        assertThat(ImageDecoder.decode(Files.write(dir.resolve("tagged.webp"), tagged), LIMITS)
                        .width())
                .isEqualTo(48);

        byte[] stripped = strip(ImageFormat.WEBP, tagged);

        assertThat(TestImages.contains(stripped, "EXIF")).isFalse();
        assertThat(TestImages.contains(stripped, TestImages.CAMERA)).isFalse();
        assertThat(stripped[20] & 0x08).as("VP8X EXIF flag").isZero();
        assertThat(Arrays.copyOfRange(stripped, 4, 8))
                .as("RIFF size")
                .isEqualTo(new byte[] {(byte) (stripped.length - 8), 0, 0, 0});
        DecodedImage image = ImageDecoder.decode(Files.write(dir.resolve("stripped.webp"), stripped), LIMITS);
        assertThat(image.width()).isEqualTo(48);
        assertThat(image.height()).isEqualTo(32);
    }

    @Test
    void reportsAPngCutInsideAChunkAsCorrupt() throws IOException {
        byte[] png = TestImages.png(120, 80);
        byte[] cut = Arrays.copyOf(png, png.length - 30);

        assertThatThrownBy(() -> strip(ImageFormat.PNG, cut)).isInstanceOf(CorruptImageException.class);
    }

    private byte[] strip(ImageFormat format, byte[] bytes) throws IOException {
        Path source = Files.write(Files.createTempFile(dir, "source", ".img"), bytes);
        Path target = dir.resolve("stripped-" + System.nanoTime());
        MetadataStripper.strip(format, source, target);
        return Files.readAllBytes(target);
    }
}
