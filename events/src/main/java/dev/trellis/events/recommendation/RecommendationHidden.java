package dev.trellis.events.recommendation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The recipient hid an accepted recommendation from the public profile. Key: recommendationId. */
public record RecommendationHidden(UUID recommendationId, UUID authorId, UUID recipientId, Instant hiddenAt) implements TrellisEvent {
    @Override
    public String subject() {
        return recommendationId.toString();
    }
}
