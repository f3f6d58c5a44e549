package dev.trellis.notification.projection;

import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.notification.application.NotificationService;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Recommendations written: a notification for their recipient. */
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
        inbox.process("notification-recommendations", record, (event, envelope) -> {
            if (event instanceof RecommendationWritten w) {
                notifications.onRecommendation(w);
            }
        });
    }
}
