package dev.trellis.platform.eventstore;

import dev.trellis.events.TrellisEvent;

import java.util.List;

/** A loaded stream: its events in order and its current version (0 = the stream does not exist yet). */
public record EventStream(String streamId, long version, List<TrellisEvent> events) {
    public boolean isNew() {
        return version == 0;
    }
}
