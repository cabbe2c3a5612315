package dev.shutter.query.config;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Small values read from the store at most once per maximum age and key: once a value is older, the next caller reads
 * it again while callers meanwhile keep getting the value read before, so a busy service does not send the same read
 * once per request, nor all at once when the value ages.
 */
public final class Recent<K, V> {

    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final Function<K, V> reader;
    private final Map<K, Read<V>> reads = new ConcurrentHashMap<>();

    public Recent(Duration maxAge, LongSupplier nanoClock, Function<K, V> reader) {
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
        this.reader = reader;
    }

    public V get(K key) {
        long now = nanoClock.getAsLong();
        Read<V> last = reads.get(key);
        if (last != null
                && (now - last.atNanos() < maxAgeNanos || !last.renewing().compareAndSet(false, true))) {
            return last.value();
        }
        try {
            V value = reader.apply(key);
            reads.put(key, new Read<>(value, now, new AtomicBoolean()));
            return value;
        } catch (RuntimeException e) {
            if (last != null) {
                last.renewing().set(false);
            }
            throw e;
        }
    }

    private record Read<V>(V value, long atNanos, AtomicBoolean renewing) {}
}
