package dev.shutter.media.image;

import java.awt.image.BufferedImage;

/**
 * An accepted image: its format and true dimensions, and its pixels, possibly decoded at a
 * reduced resolution (never below what the variants need).
 */
public record DecodedImage(ImageFormat format, int width, int height, BufferedImage pixels) {}
