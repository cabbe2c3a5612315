package dev.shutter.devstack.infra;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of the in-process MongoDB: every change a client made, as one BSON record, appended to the file
 * before the server answers the client. A process killed at any moment therefore keeps every write it acknowledged
 * (the records are in the operating system's hands; a machine that loses power may lose the last ones, as nothing
 * forces them to the disk). At start the records are replayed, and the file is rewritten as a snapshot of what they
 * left, so it grows only with one run's changes.
 *
 * <p>A record is a document {@code {op, db, coll, ...}}: {@code put} (the whole document after the change),
 * {@code delete} (by {@code _id}), {@code drop} (a collection), {@code dropDatabase}, {@code index} (an index
 * description, as the server keeps it) and {@code dropIndex}. Replaying the same records again leaves the same state.
 * A record cut short by a kill is the end of the log.
 */
final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private FileChannel channel;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Replays the log at {@code file} (if any) into {@code apply}, then opens it for appending. */
    static Journal replay(Path file, Consumer<Document> apply) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            long good = Files.exists(file) ? replayRecords(file, apply) : 0;
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            if (channel.size() > good) {
                log.warn("The read store's log ends in a record cut short; it ends before it now");
                channel.truncate(good);
            }
            channel.position(good);
            return new Journal(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the read store's log " + file, e);
        }
    }

    /** Applies every whole record; returns the length of the file they fill. */
    private static long replayRecords(Path file, Consumer<Document> apply) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long position = 0;
            ByteBuffer lengthBuffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            while (position + 4 <= size) {
                lengthBuffer.clear();
                readFully(in, lengthBuffer, position);
                int length = lengthBuffer.getInt(0);
                if (length < 5 || position + length > size) {
                    break;
                }
                ByteBuffer record = ByteBuffer.allocate(length);
                readFully(in, record, position);
                record.flip();
                apply.accept(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(record)));
                position += length;
            }
            return position;
        }
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = in.read(buffer, at);
            if (read < 0) {
                throw new IOException("Unexpected end of " + in);
            }
            at += read;
        }
    }

    /** Replaces the log by these records (what the store holds now), atomically. */
    synchronized void rewrite(Iterator<Document> records) {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try (FileChannel out = FileChannel.open(
                next, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (records.hasNext()) {
                write(out, records.next());
            }
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a snapshot of the read store to " + next, e);
        }
        try {
            channel.close();
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace the read store's log " + file, e);
        }
    }

    synchronized void append(Document record) {
        try {
            write(channel, record);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the read store's log " + file, e);
        }
    }

    private static void write(FileChannel out, Document record) throws IOException {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(record, buffer);
            ByteBuffer bytes = buffer.nioBuffer();
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } finally {
            buffer.release();
        }
    }

    static Document put(String database, String collection, Document document) {
        return record("put", database, collection).append("doc", document);
    }

    static Document delete(String database, String collection, Object id) {
        return record("delete", database, collection).append("id", id);
    }

    static Document drop(String database, String collection) {
        return record("drop", database, collection);
    }

    static Document dropDatabase(String database) {
        return record("dropDatabase", database, null);
    }

    static Document index(String database, Document description) {
        return record("index", database, null).append("index", description);
    }

    static Document dropIndex(String database, String collection, String name) {
        return record("dropIndex", database, collection).append("name", name);
    }

    private static Document record(String op, String database, String collection) {
        Document record = new Document("op", op).append("db", database);
        if (collection != null) {
            record.append("coll", collection);
        }
        return record;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Closing the read store's log failed", e);
        }
    }
}
