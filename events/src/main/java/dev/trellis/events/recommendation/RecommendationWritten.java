package dev.trellis.events.recommendation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member wrote a recommendation for a 1st-degree connection. Key: recommendationId. */
public record RecommendationWritten(UUID recommendationId, UUID authorId, UUID recipientId, String relationship,
                                    String text, Instant writtenAt) implements TrellisEvent {
    @Override
    public String subject() {
        return recommendationId.toString();
    }
}
