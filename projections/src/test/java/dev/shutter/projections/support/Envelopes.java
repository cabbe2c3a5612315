package dev.shutter.projections.support;

import dev.shutter.projections.view.EventEnvelope;
import java.time.Instant;
import java.util.UUID;

/** Builds events as the projections receive them. */
public final class Envelopes {

    private Envelopes() {}

    public static EventEnvelope envelope(String aggregateId, long sequence, Record payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), aggregateId, sequence, null, Instant.now(), payload);
    }
}
