package dev.shutter.media.upload;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The stored renditions of a photo, named as in its URLs. */
enum Variant {
    ORIGINAL,
    LARGE,
    SMALL;

    String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Variant> fromPathName(String pathName) {
        return Arrays.stream(values())
                .filter(variant -> variant.pathName().equals(pathName))
                .findFirst();
    }
}
