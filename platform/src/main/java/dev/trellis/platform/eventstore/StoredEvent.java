package dev.trellis.platform.eventstore;

import java.time.Instant;
import java.util.UUID;

/** A row of the event store. */
public record StoredEvent(long position, String streamId, long streamVersion, UUID eventId, String type,
                          String topic, String partitionKey, String payload, String correlationId,
                          String causationId, String actor, Instant recordedAt) {
}
