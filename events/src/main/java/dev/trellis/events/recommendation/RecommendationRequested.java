package dev.trellis.events.recommendation;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** {@code requesterId} asked the 1st-degree connection {@code authorId} to write a recommendation, with a personal message. Starts the recommendation aggregate. Key: recommendationId. */
public record RecommendationRequested(UUID recommendationId, UUID requesterId, UUID authorId, @Personal(of = {"requesterId", "authorId"}) String relationship, @Personal(of = {"requesterId", "authorId"}) String position, @Personal(of = {"requesterId", "authorId"}) String message, Instant requestedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return recommendationId.toString();
    }
}
