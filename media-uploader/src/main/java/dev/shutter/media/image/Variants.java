package dev.shutter.media.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The renditions the app shows: {@code large} for the feed and {@code small} for grids and
 * avatars. Both are freshly encoded JPEGs, so nothing of the upload's metadata (location, camera,
 * embedded thumbnails) survives.
 */
public final class Variants {

    public static final int LARGE_WIDTH = 1080;
    public static final int SMALL_SIDE = 320;

    private static final float JPEG_QUALITY = 0.85f;

    private Variants() {}

    /** {@value #LARGE_WIDTH} pixels wide keeping the aspect ratio; a narrower image keeps its size. */
    public static byte[] large(DecodedImage image) throws IOException {
        int width = Math.min(LARGE_WIDTH, image.width());
        int height = Math.max(1, (int) Math.round((double) image.height() * width / image.width()));
        return jpeg(resize(image.pixels(), width, height));
    }

    /** The centred square of the image scaled to {@value #SMALL_SIDE} x {@value #SMALL_SIDE}. */
    public static byte[] small(DecodedImage image) throws IOException {
        BufferedImage pixels = image.pixels();
        int side = Math.min(pixels.getWidth(), pixels.getHeight());
        BufferedImage square =
                pixels.getSubimage((pixels.getWidth() - side) / 2, (pixels.getHeight() - side) / 2, side, side);
        return jpeg(resize(square, SMALL_SIDE, SMALL_SIDE));
    }

    /**
     * Halves the image step by step before the final scaling: a single bilinear step from far
     * larger sizes skips most source pixels and looks jagged.
     */
    private static BufferedImage resize(BufferedImage source, int width, int height) {
        BufferedImage current = source;
        int currentWidth = source.getWidth();
        int currentHeight = source.getHeight();
        do {
            currentWidth = Math.max(width, currentWidth / 2);
            currentHeight = Math.max(height, currentHeight / 2);
            current = draw(current, currentWidth, currentHeight);
        } while (currentWidth != width || currentHeight != height);
        return current;
    }

    /** Draws onto an opaque RGB canvas; transparent areas become white, as JPEG has no alpha. */
    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
