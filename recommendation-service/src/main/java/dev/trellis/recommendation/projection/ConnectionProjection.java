package dev.trellis.recommendation.projection;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.platform.inbox.Inbox;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Who is 1st degree with whom, from connection events. */
@ApplicationScoped
public class ConnectionProjection {
    private final Inbox inbox;
    private final FirstDegreeRepository firstDegree;

    public ConnectionProjection(Inbox inbox, FirstDegreeRepository firstDegree) {
        this.inbox = inbox;
        this.firstDegree = firstDegree;
    }

    @Incoming("connection-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.process("recommendation-connections", record, (event, envelope) -> {
            if (event instanceof ConnectionMade made) {
                firstDegree.connect(made.memberA(), made.memberB());
            } else if (event instanceof ConnectionRemoved removed) {
                firstDegree.disconnect(removed.memberA(), removed.memberB());
            }
        });
    }
}
