package dev.shutter.media.upload;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where a photo's objects live in the bucket. The prefix is random, so a key tells nothing about
 * who uploaded the photo and cannot be guessed from its media id.
 */
record ObjectKeys(String original, String large, String small) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static ObjectKeys underRandomPrefix() {
        byte[] prefix = new byte[16];
        RANDOM.nextBytes(prefix);
        String base = HexFormat.of().formatHex(prefix) + "/";
        return new ObjectKeys(
                base + Variant.ORIGINAL.pathName(), base + Variant.LARGE.pathName(), base + Variant.SMALL.pathName());
    }

    String of(Variant variant) {
        return switch (variant) {
            case ORIGINAL -> original;
            case LARGE -> large;
            case SMALL -> small;
        };
    }
}
