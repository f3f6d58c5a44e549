package dev.trellis.recommendation.projection;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.platform.inbox.Inbox;
import dev.trellis.recommendation.application.EndorsementService;
import dev.trellis.recommendation.application.IntroductionService;
import dev.trellis.recommendation.application.RecommendationService;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Who is 1st degree with whom and who blocked whom, from connection events. A removed connection also withdraws
 * the recommendations and endorsements between the two, in both directions, and closes (as declined) the open
 * introductions both take part in; so does a block (in the same transaction as the projection change).
 */
@ApplicationScoped
public class ConnectionProjection {
    private final Inbox inbox;
    private final FirstDegreeRepository firstDegree;
    private final RecommendationService recommendations;
    private final EndorsementService endorsements;
    private final IntroductionService introductions;

    public ConnectionProjection(Inbox inbox, FirstDegreeRepository firstDegree, RecommendationService recommendations,
                                EndorsementService endorsements, IntroductionService introductions) {
        this.inbox = inbox;
        this.firstDegree = firstDegree;
        this.recommendations = recommendations;
        this.endorsements = endorsements;
        this.introductions = introductions;
    }

    @Incoming("connection-events")
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        inbox.processBatch("recommendation-connections", Batches.list(records), (event, envelope) -> {
            if (event instanceof ConnectionMade made) {
                firstDegree.connect(made.memberA(), made.memberB());
            } else if (event instanceof ConnectionRemoved removed) {
                firstDegree.disconnect(removed.memberA(), removed.memberB());
                recommendations.withdrawBetween(removed.memberA(), removed.memberB());
                endorsements.withdrawBetween(removed.memberA(), removed.memberB());
                introductions.cancelInvolving(removed.memberA(), removed.memberB());
            } else if (event instanceof MemberBlocked blocked) {
                firstDegree.block(blocked.blockerId(), blocked.blockedId());
                introductions.cancelInvolving(blocked.blockerId(), blocked.blockedId());
            } else if (event instanceof MemberUnblocked unblocked) {
                firstDegree.unblock(unblocked.blockerId(), unblocked.blockedId());
            }
        });
    }
}
