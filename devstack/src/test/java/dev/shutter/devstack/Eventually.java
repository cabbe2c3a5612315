package dev.shutter.devstack;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Reads are eventually consistent: poll until the condition holds or the deadline passes. Never a fixed sleep. */
final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Eventually() {}

    static <T> T await(String what, Supplier<T> read, Predicate<T> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = read.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + DEADLINE.toSeconds() + " s: " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
            last = read.get();
        }
        return last;
    }
}
