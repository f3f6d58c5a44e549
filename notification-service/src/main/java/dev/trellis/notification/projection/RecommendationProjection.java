package dev.trellis.notification.projection;

import dev.trellis.notification.application.NotificationService;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Recommendations (requested, written, accepted, revision requested, withdrawn), endorsements and introductions:
 * see {@link dev.trellis.notification.domain.ActivityRules} for who is told what.
 */
@ApplicationScoped
public class RecommendationProjection {
    private final Inbox inbox;
    private final NotificationService notifications;

    public RecommendationProjection(Inbox inbox, NotificationService notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    @Incoming("recommendation-events")
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        inbox.processBatch("notification-recommendations", Batches.list(records), (event, envelope) -> notifications.onActivity(event));
    }
}
