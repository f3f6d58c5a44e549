package dev.trellis.notification.projection;

import dev.trellis.notification.application.NotificationService;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    public void on(ConsumerRecord<String, String> record) {
        inbox.process("notification-recommendations", record, (event, envelope) -> notifications.onActivity(event));
    }
}
