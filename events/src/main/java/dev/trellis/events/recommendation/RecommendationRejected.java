package dev.trellis.events.recommendation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The recipient rejected the recommendation: it is never shown. Key: recommendationId. */
public record RecommendationRejected(UUID recommendationId, UUID authorId, UUID recipientId, Instant rejectedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return recommendationId.toString();
    }
}
