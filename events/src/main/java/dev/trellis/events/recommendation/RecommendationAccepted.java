package dev.trellis.events.recommendation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The recipient accepted the recommendation: it is shown on the public profile. The recipient is offered to write one in return. Key: recommendationId. */
public record RecommendationAccepted(UUID recommendationId, UUID authorId, UUID recipientId, int version, Instant acceptedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return recommendationId.toString();
    }
}
