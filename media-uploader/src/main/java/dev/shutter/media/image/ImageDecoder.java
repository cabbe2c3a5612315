package dev.shutter.media.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an uploaded image safely: the dimensions come from the header, and only an image within
 * the limits is decoded, so a small file declaring a huge canvas cannot exhaust memory. Anything
 * the decoder stumbles over (an exception, or a warning such as a premature end of data, on which
 * the JDK's JPEG reader would otherwise return grey pixels) makes the image corrupt. A JPEG is
 * turned upright by its EXIF orientation, and its dimensions are reported the way it is seen.
 */
public final class ImageDecoder {

    /**
     * Pixels are decoded with at least twice the resolution the variants need, so that skipping
     * source pixels while decoding costs no visible quality, and a 40-megapixel upload is never
     * held in memory at full size.
     */
    private static final int OVERSAMPLING = 2;

    private ImageDecoder() {}

    public static DecodedImage decode(Path file, ImageLimits limits) throws IOException {
        ImageFormat format = ImageFormat.of(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(format);
            try {
                reader.setInput(in, true, true);
                int width = headerWidth(reader, format);
                int height = headerHeight(reader, format);
                if (!limits.admit(width, height)) {
                    throw new ImageTooLargeException(width, height, limits);
                }
                BufferedImage pixels = readPixels(reader, format, width, height);
                int orientation = format == ImageFormat.JPEG ? ExifOrientation.of(file) : ExifOrientation.AS_STORED;
                return ExifOrientation.swapsSides(orientation)
                        ? new DecodedImage(format, height, width, ExifOrientation.apply(orientation, pixels))
                        : new DecodedImage(format, width, height, ExifOrientation.apply(orientation, pixels));
            } finally {
                reader.dispose();
            }
        }
    }

    private static int headerWidth(ImageReader reader, ImageFormat format) {
        try {
            return positive(reader.getWidth(0));
        } catch (IOException | RuntimeException e) {
            throw new CorruptImageException(format, e);
        }
    }

    private static int headerHeight(ImageReader reader, ImageFormat format) {
        try {
            return positive(reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw new CorruptImageException(format, e);
        }
    }

    private static int positive(int side) throws IOException {
        if (side <= 0) {
            throw new IOException("Image side of " + side + " pixels");
        }
        return side;
    }

    private static BufferedImage readPixels(ImageReader reader, ImageFormat format, int width, int height) {
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        ImageReadParam param = reader.getDefaultReadParam();
        int step = subsampling(width, height);
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage pixels;
        try {
            pixels = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw new CorruptImageException(format, e);
        }
        if (!warnings.isEmpty()) {
            throw new CorruptImageException(format, new IOException(String.join("; ", warnings)));
        }
        return pixels;
    }

    static int subsampling(int width, int height) {
        int byWidth = width / (OVERSAMPLING * Variants.LARGE_WIDTH);
        int byShortSide = Math.min(width, height) / (OVERSAMPLING * Variants.SMALL_SIDE);
        return Math.max(1, Math.min(byWidth, byShortSide));
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerFormatName());
        if (!readers.hasNext()) {
            // Readers packaged as plugins (WebP) are found by a classpath scan that may have run
            // under a class loader that cannot see them.
            ImageIO.scanForPlugins();
            readers = ImageIO.getImageReadersByFormatName(format.readerFormatName());
        }
        if (!readers.hasNext()) {
            throw new IllegalStateException("No image reader for " + format + " on the classpath");
        }
        return readers.next();
    }
}
