package dev.shutter.media.image;

/** The largest image accepted: a decoded image costs about four bytes per pixel of memory. */
public record ImageLimits(long maxPixels, int maxSide) {

    public ImageLimits {
        if (maxPixels <= 0 || maxSide <= 0) {
            throw new IllegalArgumentException("Image limits must be positive");
        }
    }

    boolean admit(int width, int height) {
        return width <= maxSide && height <= maxSide && (long) width * height <= maxPixels;
    }
}
