package dev.trellis.platform.eventstore;

import dev.trellis.platform.domain.DomainException;

/** Another writer appended to the stream first (optimistic concurrency on stream id + version). */
public class ConcurrencyException extends DomainException {
    public ConcurrencyException(String streamId, long expectedVersion) {
        super(Kind.CONFLICT, "concurrent-modification",
                "stream " + streamId + " was changed concurrently (expected version " + expectedVersion + ")");
    }
}
