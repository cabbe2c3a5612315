package dev.shutter.bench.timeline;

import java.util.Arrays;

/** Latency samples in nanoseconds; percentiles by the nearest-rank method. */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;
    private int errors;

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized void error() {
        errors++;
    }

    synchronized int count() {
        return size;
    }

    synchronized int errors() {
        return errors;
    }

    /** The percentile in milliseconds, NaN without samples. */
    synchronized double millis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }
}
