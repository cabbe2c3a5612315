package dev.shutter.devstack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** An S3-compatible object store on 127.0.0.1 that keeps buckets as directories and objects as files. */
public final class ObjectStorage implements AutoCloseable {

    // fixed credentials of a store that only ever listens on the loopback interface
    private static final String ACCESS_KEY = "shutter-dev";
    private static final String SECRET_KEY = "shutter-dev-secret";
    private static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;
    private final Path throwawayDir;

    private ObjectStorage(S3Proxy proxy, BlobStore blobStore, URI endpoint, Path throwawayDir) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
        this.throwawayDir = throwawayDir;
    }

    /**
     * Starts the store.
     *
     * @param dataDir where buckets and objects are kept across runs; {@code null} for a temporary directory deleted on
     *     {@link #close()}
     */
    public static ObjectStorage start(Path dataDir) {
        Path baseDir;
        try {
            baseDir = dataDir == null ? Files.createTempDirectory("shutter-s3-") : Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the object storage directory", e);
        }
        BlobStore blobStore =
                new FilesystemNio2BlobStore(baseDir.toAbsolutePath().toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            waitUntilStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("Object storage did not start", e);
        }
        return new ObjectStorage(
                proxy, blobStore, URI.create("http://127.0.0.1:" + proxy.getPort()), dataDir == null ? baseDir : null);
    }

    private static void waitUntilStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Object storage did not start within 30 s, state " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** The S3 endpoint, e.g. {@code http://127.0.0.1:40123}; use path-style access. */
    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return REGION;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    @Override
    public void close() {
        stopQuietly(proxy);
        blobStore.close();
        if (throwawayDir != null) {
            Directories.deleteQuietly(throwawayDir);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // stopping is best effort: the port is released when the JVM exits at the latest
        }
    }
}
