package dev.shutter.media.publishing;

import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaRejected;
import dev.shutter.events.media.MediaStored;
import dev.shutter.platform.outbox.Outbox;
import dev.shutter.platform.outbox.OutboxMessage;
import org.springframework.stereotype.Component;

/**
 * The media events in the wire format every consumer reads (see {@link WireHeaders}), ready to be recorded in a
 * document's outbox with the write that causes them; the platform's relay publishes them.
 *
 * <p>A media is an aggregate of its own: its first event ({@code MediaStored} or {@code MediaRejected}) has sequence
 * 0, {@code MediaDeleted} sequence 1.
 */
@Component
public class MediaEvents {

    static final String AGGREGATE_TYPE = "Media";

    private final Outbox outbox;

    MediaEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** @param eventId the event's id, kept with the media so that every publication of it is the same event */
    public OutboxMessage stored(String eventId, MediaStored event) {
        return outbox.event(eventId, AGGREGATE_TYPE, event.mediaId(), 0, event, event.storedAt());
    }

    public OutboxMessage rejected(String eventId, MediaRejected event) {
        return outbox.event(eventId, AGGREGATE_TYPE, event.mediaId(), 0, event, event.rejectedAt());
    }

    public OutboxMessage deleted(String eventId, MediaDeleted event) {
        return outbox.event(eventId, AGGREGATE_TYPE, event.mediaId(), 1, event, event.deletedAt());
    }
}
