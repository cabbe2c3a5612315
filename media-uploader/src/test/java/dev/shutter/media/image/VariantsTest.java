package dev.shutter.media.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.media.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantsTest {

    private static final ImageLimits LIMITS = new ImageLimits(40_000_000, 12_000);

    @TempDir
    Path dir;

    @Test
    void scalesTheLargeVariantTo1080PixelsWideKeepingTheAspectRatio() throws IOException {
        DecodedImage photo = decode(TestImages.jpeg(3000, 2000));

        BufferedImage large = TestImages.decode(Variants.large(photo));

        assertThat(large.getWidth()).isEqualTo(1080);
        assertThat(large.getHeight()).isEqualTo(720);
    }

    @Test
    void neverEnlargesANarrowPhoto() throws IOException {
        DecodedImage photo = decode(TestImages.png(600, 400));

        BufferedImage large = TestImages.decode(Variants.large(photo));

        assertThat(large.getWidth()).isEqualTo(600);
        assertThat(large.getHeight()).isEqualTo(400);
    }

    @Test
    void cutsTheSmallVariantAsTheCentredSquare() throws IOException {
        DecodedImage bands = decode(TestImages.bandsPng(900, 300));

        BufferedImage small = TestImages.decode(Variants.small(bands));

        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(320);
        for (int[] point : new int[][] {{5, 5}, {314, 5}, {5, 314}, {314, 314}, {160, 160}}) {
            Color colour = new Color(small.getRGB(point[0], point[1]));
            assertThat(colour.getGreen())
                    .as("green at %s,%s", point[0], point[1])
                    .isGreaterThan(200);
            assertThat(colour.getRed()).isLessThan(60);
            assertThat(colour.getBlue()).isLessThan(60);
        }
    }

    @Test
    void variantsOfAHugePhotoDecodedAtReducedResolutionKeepTheirSizes() throws IOException {
        DecodedImage photo = decode(TestImages.jpeg(6000, 4000));

        assertThat(photo.pixels().getWidth()).isLessThan(6000);
        assertThat(TestImages.decode(Variants.large(photo)).getHeight()).isEqualTo(720);
        assertThat(TestImages.decode(Variants.small(photo)).getWidth()).isEqualTo(320);
    }

    @Test
    void variantsAreJpegsWithoutTheUploadsMetadata() throws IOException {
        DecodedImage photo = decode(TestImages.jpegWithComment(800, 600, "GPS 48.8584N 2.2945E"));

        for (byte[] variant : new byte[][] {Variants.large(photo), Variants.small(photo)}) {
            assertThat(ImageFormat.detect(variant)).contains(ImageFormat.JPEG);
            assertThat(new String(variant, StandardCharsets.ISO_8859_1)).doesNotContain("GPS");
        }
    }

    @Test
    void turnsAWebpIntoJpegVariants() throws IOException {
        DecodedImage photo = decode(TestImages.webp());

        BufferedImage small = TestImages.decode(Variants.small(photo));

        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(ImageFormat.detect(Variants.large(photo))).contains(ImageFormat.JPEG);
    }

    private DecodedImage decode(byte[] bytes) throws IOException {
        return ImageDecoder.decode(Files.write(Files.createTempFile(dir, "upload", ".bin"), bytes), LIMITS);
    }
}
