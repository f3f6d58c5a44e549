package dev.trellis.recommendation.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.recommendation.domain.Recommendation;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import dev.trellis.recommendation.store.RecommendationEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RecommendationService {
    private final EventStore store;
    private final FirstDegreeRepository firstDegree;
    private final Clock clock;

    public RecommendationService(EventStore store, FirstDegreeRepository firstDegree, Clock clock) {
        this.store = store;
        this.firstDegree = firstDegree;
        this.clock = clock;
    }

    @Transactional
    public RecommendationEntity write(UUID author, UUID recipient, String relationship, String text) {
        UUID id = UUID.randomUUID();
        List<TrellisEvent> events = Recommendation.write(id, author, recipient, relationship, text,
                firstDegree.connected(author, recipient), clock.now());
        store.append(Recommendation.streamId(id), 0, events);
        RecommendationWritten w = (RecommendationWritten) events.get(0);
        RecommendationEntity e = new RecommendationEntity();
        e.recommendationId = id;
        e.authorId = author;
        e.recipientId = recipient;
        e.relationship = w.relationship();
        e.text = w.text();
        e.writtenAt = w.writtenAt();
        e.persist();
        return e;
    }
}
