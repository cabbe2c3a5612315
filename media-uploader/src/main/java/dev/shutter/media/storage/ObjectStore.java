package dev.shutter.media.storage;

import java.nio.file.Path;
import java.util.Optional;
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

/** The photo bucket: objects are written once and never changed. */
public class ObjectStore implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

    private final S3Client s3;
    private final String bucket;

    ObjectStore(S3Client s3, String bucket) {
        this.s3 = s3;
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
}
