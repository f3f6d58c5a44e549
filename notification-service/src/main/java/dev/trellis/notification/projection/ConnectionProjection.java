package dev.trellis.notification.projection;

import dev.trellis.notification.application.MessagingService;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Connections and blocks (who may message whom; what the follow-up and nurture reminders look at). A removed
 * connection or a block tells the other member nothing.
 */
@ApplicationScoped
public class ConnectionProjection {
    private final Inbox inbox;
    private final MessagingService messaging;

    public ConnectionProjection(Inbox inbox, MessagingService messaging) {
        this.inbox = inbox;
        this.messaging = messaging;
    }

    @Incoming("connection-events")
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        inbox.processBatch("notification-connections", Batches.list(records), (event, envelope) -> messaging.onConnectionEvent(event));
    }
}
