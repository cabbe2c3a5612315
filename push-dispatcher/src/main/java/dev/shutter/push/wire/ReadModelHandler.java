package dev.shutter.push.wire;

/**
 * Keeps a part of this service's read model (users, devices, follows, posts, blocks). It is fed by live events and
 * by a rebuild alike, so it must never send anything: it only writes the read model. Implementations ignore payload
 * types they do not know and are idempotent, guarded by per-aggregate sequence numbers.
 */
public interface ReadModelHandler {

    /** @param generation the generation of the read model's collections to write: the live one, or one being rebuilt */
    void apply(StoredEvent event, int generation);
}
