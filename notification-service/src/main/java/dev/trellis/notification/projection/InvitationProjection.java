package dev.trellis.notification.projection;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.notification.application.NotificationService;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Invitations sent, accepted, ignored, declined as unknown, withdrawn, expired and their reminders: "My Network"
 * notifications and the prompts after accepting.
 */
@ApplicationScoped
public class InvitationProjection {
    private final Inbox inbox;
    private final NotificationService notifications;
    private final MessagingService messaging;

    public InvitationProjection(Inbox inbox, NotificationService notifications, MessagingService messaging) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.messaging = messaging;
    }

    @Incoming("invitation-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.process("notification-invitations", record, (event, envelope) -> {
            notifications.onInvitationEvent(event);
            if (event instanceof InvitationAccepted a) {
                messaging.onConnectionEvent(a); // the connection to come: they may message at once
            }
        });
    }
}
