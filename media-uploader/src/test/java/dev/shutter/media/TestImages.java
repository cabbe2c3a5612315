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
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
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

    /** The camera model written into {@link #withGpsExif}, to look for in stored files. */
    public static final String CAMERA = "ShutterCam X1";

    /**
     * The JPEG with an EXIF segment inserted after its JFIF header, as a phone writes it: the
     * camera model and a GPS position (52 31' 12.34" N, 13 24' 56.78" E).
     */
    public static byte[] withGpsExif(byte[] jpeg) {
        ByteBuffer tiff = ByteBuffer.allocate(152);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        // IFD0 at 8: Make, and the pointer to the GPS IFD.
        tiff.putShort((short) 2);
        ifdEntry(tiff, 0x010F, 2, CAMERA.length() + 1, 38);
        ifdEntry(tiff, 0x8825, 4, 1, 52);
        tiff.putInt(0);
        tiff.put(38, (CAMERA + "\0").getBytes(StandardCharsets.US_ASCII));
        // GPS IFD at 52: latitude and longitude with their references.
        tiff.position(52);
        tiff.putShort((short) 4);
        ifdEntry(tiff, 0x0001, 2, 2, 'N' << 24);
        ifdEntry(tiff, 0x0002, 5, 3, 104);
        ifdEntry(tiff, 0x0003, 2, 2, 'E' << 24);
        ifdEntry(tiff, 0x0004, 5, 3, 128);
        tiff.putInt(0);
        tiff.position(104);
        tiff.putInt(52).putInt(1).putInt(31).putInt(1).putInt(1234).putInt(100);
        tiff.putInt(13).putInt(1).putInt(24).putInt(1).putInt(5678).putInt(100);
        return withSegment(jpeg, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array()));
    }

    private static void ifdEntry(ByteBuffer tiff, int tag, int type, int count, int valueOrOffset) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(valueOrOffset);
    }

    /** The JPEG with one more segment right after its JFIF header (or its start, if it has none). */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] data) {
        int at = (jpeg[3] & 0xFF) == 0xE0 ? 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF)) : 2;
        ByteBuffer result = ByteBuffer.allocate(jpeg.length + 4 + data.length);
        result.put(jpeg, 0, at);
        result.put((byte) 0xFF)
                .put((byte) marker)
                .putShort((short) (data.length + 2))
                .put(data);
        result.put(jpeg, at, jpeg.length - at);
        return result.array();
    }

    /** The markers of a JPEG's segments up to its first scan, e.g. {@code [0xE0, 0xDB, 0xC0, 0xC4, 0xDA]}. */
    public static List<Integer> jpegMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        return markers;
    }

    public static boolean contains(byte[] haystack, String needle) {
        byte[] wanted = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + wanted.length <= haystack.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (haystack[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * A real decompression bomb: a valid one-bit grey PNG of the given size whose pixels are all
     * zero, so that it compresses to a few hundred kilobytes while decoding it would need
     * gigabytes.
     */
    public static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(9);
        byte[] row = new byte[1 + (width + 7) / 8]; // filter byte 0, then zero pixels
        byte[] out = new byte[64 * 1024];
        for (int y = 0; y < height; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                int n = deflater.deflate(out);
                idat.write(out, 0, n);
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(out);
            idat.write(out, 0, n);
        }
        deflater.end();
        ByteBuffer header = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 1)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        pngChunk(png, "IHDR", header.array());
        pngChunk(png, "IDAT", idat.toByteArray());
        pngChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** The PNG with a chunk added right after its header chunk. */
    public static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        result.write(png, 0, afterHeader);
        pngChunk(result, type, data);
        result.write(png, afterHeader, png.length - afterHeader);
        return result.toByteArray();
    }

    private static void pngChunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * The test WebP in the extended container, as cameras and editors write it: a VP8X header
     * announcing EXIF, the image, and an EXIF chunk holding the camera model.
     */
    public static byte[] webpWithExif() {
        byte[] simple = webp();
        byte[] image = Arrays.copyOfRange(simple, 12, simple.length); // the VP8 chunk
        byte[] exif = concat("MM\0*".getBytes(StandardCharsets.US_ASCII), CAMERA.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer vp8x = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put("VP8X".getBytes(StandardCharsets.US_ASCII))
                .putInt(10)
                .put((byte) 0x08)
                .put(new byte[3]);
        vp8x.put((byte) 47)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 31)
                .put((byte) 0)
                .put((byte) 0);
        ByteBuffer exifChunk =
                ByteBuffer.allocate(8 + exif.length + (exif.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        exifChunk
                .put("EXIF".getBytes(StandardCharsets.US_ASCII))
                .putInt(exif.length)
                .put(exif);
        byte[] body = concat(concat(vp8x.array(), image), exifChunk.array());
        ByteBuffer riff = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + body.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII));
        return concat(riff.array(), body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
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
