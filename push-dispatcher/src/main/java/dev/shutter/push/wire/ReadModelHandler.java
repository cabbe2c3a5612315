package dev.shutter.push.wire;

/**
 * Keeps a part of this service's read model (users, devices, follows, posts). It is fed by live events and by a
 * rebuild alike, so it must never send anything: it only writes the read model. Implementations ignore payload
 * types they do not know and are idempotent, guarded by per-aggregate sequence numbers.
 */
public interface ReadModelHandler {

    void apply(StoredEvent event);
}
