package dev.shutter.platform.consumer;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells a store that does not answer from a message that cannot be handled. The first says nothing about the message:
 * it is retried until the store is back, and never parked.
 */
final class Outages {

    /** The drivers' own exception types, by name, so that a service needs only the driver it uses. */
    private static final Set<String> DRIVER_OUTAGES = Set.of(
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoSocketOpenException",
            "com.mongodb.MongoSocketReadException",
            "com.mongodb.MongoSocketWriteException",
            "com.mongodb.MongoSocketReadTimeoutException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "org.springframework.jdbc.CannotGetJdbcConnectionException");

    private Outages() {}

    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyFailureException) {
                // A conflict with another writer can recur for good: it counts as an attempt, like any failure.
                return false;
            }
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof SQLTransientException
                    || cause instanceof ConnectException
                    || cause instanceof SocketTimeoutException
                    || namedOutage(cause.getClass())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean namedOutage(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (DRIVER_OUTAGES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
