package dev.shutter.media.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The EXIF orientation of a JPEG. Phones store pixels as the sensor saw them and record how to
 * turn them; the variants carry no metadata, so they must be turned before encoding.
 */
final class ExifOrientation {

    static final int AS_STORED = 1;

    private ExifOrientation() {}

    /** 1 to 8 as in the EXIF standard; {@link #AS_STORED} when absent or unreadable. */
    static int of(Path jpeg) {
        try (ImageInputStream in = ImageIO.createImageInputStream(jpeg.toFile())) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (segments.isEmpty()) {
                return AS_STORED;
            }
            Entry orientation = readTiff(segments.get(0)).getEntryById(TIFF.TAG_ORIENTATION);
            if (orientation == null || !(orientation.getValue() instanceof Number value)) {
                return AS_STORED;
            }
            int code = value.intValue();
            return code >= 1 && code <= 8 ? code : AS_STORED;
        } catch (IOException | RuntimeException e) {
            // Broken metadata does not make the picture broken: show it as stored.
            return AS_STORED;
        }
    }

    private static Directory readTiff(JPEGSegment exif) throws IOException {
        byte[] data;
        try (InputStream in = exif.data()) {
            data = in.readAllBytes();
        }
        // The identifier "Exif" is followed by a pad byte before the TIFF structure.
        int start = data.length > 0 && data[0] == 0 ? 1 : 0;
        ImageInputStream tiff =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(data, start, data.length - start));
        return new TIFFReader().read(tiff);
    }

    /** The pixels as they are meant to be seen. */
    static BufferedImage apply(int orientation, BufferedImage pixels) {
        int w = pixels.getWidth();
        int h = pixels.getHeight();
        AffineTransform transform =
                switch (orientation) {
                    case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
                    case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
                    case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
                    case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
                    case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
                    case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
                    case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
                    default -> null;
                };
        if (transform == null) {
            return pixels;
        }
        boolean quarterTurn = orientation >= 5;
        BufferedImage turned = new BufferedImage(quarterTurn ? h : w, quarterTurn ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(pixels, transform, null);
        } finally {
            g.dispose();
        }
        return turned;
    }

    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }
}
