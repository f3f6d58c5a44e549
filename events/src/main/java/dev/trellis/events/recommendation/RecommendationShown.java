package dev.trellis.events.recommendation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The recipient showed a hidden recommendation again. Key: recommendationId. */
public record RecommendationShown(UUID recommendationId, UUID authorId, UUID recipientId, Instant shownAt) implements TrellisEvent {
    @Override
    public String subject() {
        return recommendationId.toString();
    }
}
