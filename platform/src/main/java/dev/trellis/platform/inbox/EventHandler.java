package dev.trellis.platform.inbox;

import dev.trellis.events.TrellisEvent;

/** Applies one typed public event to a projection, inside the consumer's transaction. */
@FunctionalInterface
public interface EventHandler {
    void handle(TrellisEvent event, IncomingEvent envelope);
}
