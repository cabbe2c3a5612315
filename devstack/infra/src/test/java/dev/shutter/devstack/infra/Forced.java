package dev.shutter.devstack.infra;

import java.util.function.Supplier;

/** Starts a server with the embedded variant forced, whatever runs on this machine. */
final class Forced {

    private Forced() {}

    static <T> T embedded(Supplier<T> start) {
        String previous = System.getProperty(Reachability.EMBEDDED_PROPERTY);
        System.setProperty(Reachability.EMBEDDED_PROPERTY, "true");
        try {
            return start.get();
        } finally {
            if (previous == null) {
                System.clearProperty(Reachability.EMBEDDED_PROPERTY);
            } else {
                System.setProperty(Reachability.EMBEDDED_PROPERTY, previous);
            }
        }
    }
}
