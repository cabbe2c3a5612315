package dev.shutter.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images made for tests: real encoder output, plus a few deliberately broken files. */
public final class TestImages {

    /**
     * A 48 x 32 lossy WebP (VP8), left half red and right half blue, encoded with libwebp's
     * {@code cwebp -q 80} from a PNG drawn for this purpose. No encoder for WebP ships with the JDK.
     */
    private static final String WEBP_48_X_32 =
            "UklGRl4AAABXRUJQVlA4IFIAAAAwBACdASowACAAPm0ukkWkIqGYBABABsSgDI0UF+AaAD8SfwzAP6jrI4AA/vA4N22KJAHgbSy44Rn9+73R/6SefALPjlu65JqeR6zOk8z44AAA";

    private TestImages() {}

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] webp() {
        return Base64.getDecoder().decode(WEBP_48_X_32);
    }

    /** Three vertical bands of equal width: red, green, blue. */
    public static byte[] bandsPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Color[] bands = {Color.RED, Color.GREEN, Color.BLUE};
        for (int band = 0; band < 3; band++) {
            g.setColor(bands[band]);
            g.fillRect(band * width / 3, 0, width / 3 + 1, height);
        }
        g.dispose();
        return encode(image, "png");
    }

    /** A JPEG whose body is noise (so it is large) cut off in the middle of its scan data. */
    public static byte[] truncatedJpeg() {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        byte[] whole = encode(image, "jpeg");
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /**
     * A PNG that is only a signature and a valid header chunk declaring the given size: decoding
     * it would fail, reading its dimensions does not.
     */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(header.array());
        return ByteBuffer.allocate(8 + 4 + 4 + 13 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                .putInt(13)
                .put(type)
                .put(header.array())
                .putInt((int) crc.getValue())
                .array();
    }

    /** A JPEG carrying a comment segment, as cameras carry location and device data. */
    public static byte[] jpegWithComment(int width, int height, String comment) {
        byte[] jpeg = jpeg(width, height);
        byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer withComment = ByteBuffer.allocate(jpeg.length + 4 + text.length);
        withComment.put(jpeg, 0, 2); // SOI
        withComment
                .put((byte) 0xFF)
                .put((byte) 0xFE)
                .putShort((short) (text.length + 2))
                .put(text);
        withComment.put(jpeg, 2, jpeg.length - 2);
        return withComment.array();
    }

    /**
     * A JPEG, left half red and right half blue as stored, whose EXIF says to turn it (6: a
     * quarter turn clockwise, as phones held upright record).
     */
    public static byte[] jpegWithExifOrientation(int width, int height, int orientation) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        byte[] jpeg = encode(image, "jpeg");
        ByteBuffer tiff = ByteBuffer.allocate(26)
                .put(new byte[] {'M', 'M', 0, 42})
                .putInt(8)
                .putShort((short) 1)
                .putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0)
                .putInt(0);
        byte[] identifier = {'E', 'x', 'i', 'f', 0, 0};
        int afterApp0 = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteBuffer withExif = ByteBuffer.allocate(jpeg.length + 4 + identifier.length + 26);
        withExif.put(jpeg, 0, afterApp0);
        withExif.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + identifier.length + 26));
        withExif.put(identifier).put(tiff.array());
        withExif.put(jpeg, afterApp0, jpeg.length - afterApp0);
        return withExif.array();
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(250, 180, 40), width, height, new Color(30, 90, 200)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
