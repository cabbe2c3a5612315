package dev.shutter.media.image;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;

/**
 * Copies an accepted image without its metadata, losslessly: the compressed pixels are copied
 * byte for byte, while EXIF (location above all), XMP, IPTC, comments, text chunks and embedded
 * extra pictures are left out. What decoding needs stays: JPEG tables, the JFIF header, an ICC
 * colour profile and Adobe's colour transform marker, PNG's colour and transparency chunks.
 *
 * <p>A JPEG's EXIF orientation is the one piece of metadata that changes how a photo looks: when
 * it says to turn the picture, the copy carries a fresh EXIF block holding only that orientation.
 */
public final class MetadataStripper {

    private static final int BUFFER = 64 * 1024;
    private static final Set<String> PNG_METADATA_CHUNKS = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");
    private static final Set<String> WEBP_METADATA_CHUNKS = Set.of("EXIF", "XMP ");
    private static final byte WEBP_EXIF_AND_XMP_FLAGS = 0x08 | 0x04;

    private MetadataStripper() {}

    /** Writes {@code source} without metadata to {@code target}; {@link CorruptImageException} when it cannot be parsed. */
    public static void strip(ImageFormat format, Path source, Path target) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(source), BUFFER);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), BUFFER)) {
            switch (format) {
                case JPEG -> jpeg(in, out, ExifOrientation.of(source));
                case PNG -> png(in, out);
                case WEBP -> webp(in, out);
            }
        } catch (EOFException e) {
            throw new CorruptImageException(format, e);
        }
        if (format == ImageFormat.WEBP) {
            fixRiffSize(target);
        }
    }

    private static void jpeg(InputStream in, OutputStream out, int orientation) throws IOException {
        if (readByte(in) != 0xFF || readByte(in) != 0xD8) {
            throw new EOFException("No start of image");
        }
        out.write(0xFF);
        out.write(0xD8);
        boolean orientationWritten = orientation == ExifOrientation.AS_STORED;
        int marker = nextMarker(in);
        while (marker != -1) {
            if (marker == 0xD9) {
                out.write(0xFF);
                out.write(0xD9);
                return; // whatever follows the end of the image is no part of it
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(0xFF);
                out.write(marker);
                marker = nextMarker(in);
                continue;
            }
            int length = (readByte(in) << 8) | readByte(in);
            if (length < 2) {
                throw new EOFException("Segment length " + length);
            }
            byte[] data = readFully(in, length - 2);
            if (!orientationWritten && !isJfifHeader(marker, data)) {
                writeSegment(out, 0xE1, orientationExif(orientation));
                orientationWritten = true;
            }
            if (keepsJpegSegment(marker, data)) {
                writeSegment(out, marker, data);
            }
            marker = marker == 0xDA ? copyScan(in, out) : nextMarker(in);
        }
    }

    private static boolean keepsJpegSegment(int marker, byte[] data) {
        if (marker == 0xE0) {
            return isJfifHeader(marker, data);
        }
        if (marker == 0xE2) {
            return startsWith(data, "ICC_PROFILE\0");
        }
        if (marker == 0xEE) {
            return startsWith(data, "Adobe");
        }
        // APP1 (EXIF, XMP), the other application segments (IPTC, maker data) and comments.
        return !(marker >= 0xE1 && marker <= 0xEF) && marker != 0xFE;
    }

    private static boolean isJfifHeader(int marker, byte[] data) {
        return marker == 0xE0 && startsWith(data, "JFIF\0");
    }

    /** The marker after a segment, skipping fill bytes; -1 at the end of the file. */
    private static int nextMarker(InputStream in) throws IOException {
        int b = in.read();
        if (b == -1) {
            return -1;
        }
        if (b != 0xFF) {
            throw new EOFException("Expected a marker");
        }
        int marker;
        do {
            marker = readByte(in);
        } while (marker == 0xFF);
        return marker;
    }

    /**
     * Copies entropy-coded data up to the next marker that is neither a stuffed zero nor a
     * restart marker, and returns that marker; -1 when the file ends first.
     */
    private static int copyScan(InputStream in, OutputStream out) throws IOException {
        int b;
        while ((b = in.read()) != -1) {
            if (b != 0xFF) {
                out.write(b);
                continue;
            }
            int next;
            do {
                next = in.read();
            } while (next == 0xFF);
            if (next == -1) {
                return -1;
            }
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                out.write(0xFF);
                out.write(next);
            } else {
                return next;
            }
        }
        return -1;
    }

    private static void writeSegment(OutputStream out, int marker, byte[] data) throws IOException {
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 0xFF);
        out.write(data);
    }

    /** "Exif", two zero bytes, and a big-endian TIFF structure with one entry: the orientation. */
    private static byte[] orientationExif(int orientation) {
        return ByteBuffer.allocate(6 + 26)
                .put(new byte[] {'E', 'x', 'i', 'f', 0, 0})
                .put(new byte[] {'M', 'M', 0, 42})
                .putInt(8)
                .putShort((short) 1)
                .putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0)
                .putInt(0)
                .array();
    }

    private static void png(InputStream in, OutputStream out) throws IOException {
        out.write(readFully(in, 8));
        while (true) {
            byte[] header = readFully(in, 8);
            long length = ByteBuffer.wrap(header, 0, 4).getInt() & 0xFFFFFFFFL;
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            boolean keep = !PNG_METADATA_CHUNKS.contains(type);
            if (keep) {
                out.write(header);
            }
            transfer(in, keep ? out : OutputStream.nullOutputStream(), length + 4); // data and CRC
            if (type.equals("IEND")) {
                return;
            }
        }
    }

    private static void webp(InputStream in, OutputStream out) throws IOException {
        byte[] riff = readFully(in, 12);
        out.write(riff); // its size is corrected once the copy is complete
        byte[] header = new byte[8];
        while (true) {
            int first = in.read();
            if (first == -1) {
                return;
            }
            header[0] = (byte) first;
            System.arraycopy(readFully(in, 7), 0, header, 1, 7);
            String type = new String(header, 0, 4, StandardCharsets.ISO_8859_1);
            long size =
                    ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            long padded = size + (size & 1);
            if (WEBP_METADATA_CHUNKS.contains(type)) {
                transfer(in, OutputStream.nullOutputStream(), padded);
            } else if (type.equals("VP8X") && size >= 1) {
                out.write(header);
                byte[] flags = readFully(in, 1);
                flags[0] &= (byte) ~WEBP_EXIF_AND_XMP_FLAGS;
                out.write(flags);
                transfer(in, out, padded - 1);
            } else {
                out.write(header);
                transfer(in, out, padded);
            }
        }
    }

    private static void fixRiffSize(Path webp) throws IOException {
        try (FileChannel channel = FileChannel.open(webp, StandardOpenOption.WRITE)) {
            long size = channel.size() - 8;
            channel.write(
                    ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt((int) size)
                            .flip(),
                    4);
        }
    }

    private static void transfer(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, count))];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read == -1) {
                throw new EOFException("The file ends inside a chunk");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static byte[] readFully(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length != count) {
            throw new EOFException("The file ends inside a segment");
        }
        return bytes;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b == -1) {
            throw new EOFException("The file ends inside a segment");
        }
        return b;
    }

    private static boolean startsWith(byte[] data, String prefix) {
        byte[] expected = prefix.getBytes(StandardCharsets.ISO_8859_1);
        return data.length >= expected.length && Arrays.equals(data, 0, expected.length, expected, 0, expected.length);
    }
}
