package dev.shutter.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The photo bucket: objects are written once and never changed, and deleted only as a whole photo. */
public class ObjectStore implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    ObjectStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** Creates the bucket when it does not exist yet, so a fresh environment needs no set-up. */
    @Override
    public void afterPropertiesSet() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
            return;
        } catch (NoSuchBucketException e) {
            log.info("Creating bucket {}", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            log.info("Creating bucket {}", bucket);
        }
        try {
            s3.createBucket(request -> request.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // Another instance created it meanwhile.
        }
    }

    public void put(String key, Path file, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    /** The object as a stream the caller must close, or empty when it does not exist. */
    public Optional<StoredObject> open(String key) {
        try {
            ResponseInputStream<GetObjectResponse> stream =
                    s3.getObject(request -> request.bucket(bucket).key(key));
            GetObjectResponse response = stream.response();
            return Optional.of(new StoredObject(stream, response.contentType(), response.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** The size of an object in bytes, or empty when it does not exist. */
    public OptionalLong size(String key) {
        try {
            return OptionalLong.of(
                    s3.headObject(request -> request.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /**
     * Copies an object to a file through a small buffer, never holding it in memory, and stops
     * after {@code maxBytes}: the caller compares the file's size with what it allows.
     *
     * @return false when the object does not exist
     */
    public boolean download(String key, Path target, long maxBytes) throws IOException {
        Optional<StoredObject> object = open(key);
        if (object.isEmpty()) {
            return false;
        }
        try (InputStream in = object.get().content();
                OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            int read;
            while (copied <= maxBytes && (read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                copied += read;
            }
            if (copied > maxBytes && in instanceof ResponseInputStream<?> response) {
                // Do not read the rest of an oversized object only to throw it away.
                response.abort();
            }
        }
        return true;
    }

    /** Deletes the objects; keys that do not exist are no error, so a repeated delete is harmless. */
    public void delete(Collection<String> keys) {
        for (String key : keys) {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        }
    }

    /**
     * A URL through which a client may PUT one object under {@code key} until it expires. When
     * the size is known it is signed too, so the store refuses a body of any other length.
     */
    public URI presignPut(String key, Duration validity, Long contentLength) {
        return URI.create(presigner
                .presignPutObject(presign -> presign.signatureDuration(validity)
                        .putObjectRequest(put -> put.bucket(bucket).key(key).contentLength(contentLength)))
                .url()
                .toString());
    }
}
