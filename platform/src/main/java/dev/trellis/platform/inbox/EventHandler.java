package dev.trellis.platform.inbox;

import dev.trellis.events.TrellisEvent;

/** Applies one typed public event to a projection, inside the consumer's transaction. */
@FunctionalInterface
public interface EventHandler {
    void handle(TrellisEvent event, IncomingEvent envelope);

    /**
     * Whether events of this (known) type change anything here. The inbox acknowledges a record of a type its
     * handler does not handle without any work: no payload parsing, no processed-event row, no transaction if the
     * whole poll is such records. Applying such an event is a no-op, so skipping it keeps the effect exactly
     * once. A handler that says nothing handles every type; {@link Dispatch} says exactly which it has.
     */
    default boolean handles(Class<? extends TrellisEvent> type) {
        return true;
    }
}
