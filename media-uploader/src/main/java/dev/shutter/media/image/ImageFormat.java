package dev.shutter.media.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The image types Shutter accepts, recognised by their leading bytes only: a file's name and the
 * Content-Type the client claims are both under the client's control.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp");

    /** How many leading bytes {@link #detect(byte[])} needs to decide. */
    public static final int SIGNATURE_LENGTH = 12;

    private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP_FOURCC = {'W', 'E', 'B', 'P'};

    private final String mimeType;
    private final String readerFormatName;

    ImageFormat(String mimeType, String readerFormatName) {
        this.mimeType = mimeType;
        this.readerFormatName = readerFormatName;
    }

    public String mimeType() {
        return mimeType;
    }

    String readerFormatName() {
        return readerFormatName;
    }

    public static Optional<ImageFormat> detect(byte[] head) {
        if (startsWith(head, 0, JPEG_SIGNATURE)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP_FOURCC)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** The format of a file, or {@link UnsupportedImageTypeException} when it is none of them. */
    public static ImageFormat of(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SIGNATURE_LENGTH);
        }
        return detect(head).orElseThrow(UnsupportedImageTypeException::new);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
