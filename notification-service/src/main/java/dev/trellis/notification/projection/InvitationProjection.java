package dev.trellis.notification.projection;

import dev.trellis.notification.application.NotificationService;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Invitations sent, accepted, ignored, declined as unknown, withdrawn, expired and their reminders: "My Network"
 * notifications and the prompts after accepting.
 */
@ApplicationScoped
public class InvitationProjection {
    private final Inbox inbox;
    private final NotificationService notifications;

    public InvitationProjection(Inbox inbox, NotificationService notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    @Incoming("invitation-events")
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        // an acceptance does not make the pair connected here: only connection-service's ConnectionMade does
        // (it may refuse the connection, e.g. a block landed first)
        inbox.processBatch("notification-invitations", Batches.list(records), (event, envelope) -> notifications.onInvitationEvent(event));
    }
}
