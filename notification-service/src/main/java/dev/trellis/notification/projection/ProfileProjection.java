package dev.trellis.notification.projection;

import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps members' names and headlines, with which notifications and prompts are rendered when read. */
@ApplicationScoped
public class ProfileProjection {
    private final Inbox inbox;

    public ProfileProjection(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("profile-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.process("notification-profiles", record, (event, envelope) -> {
            if (event instanceof ProfileCreated p && MemberEntity.findById(p.memberId()) == null) {
                MemberEntity m = new MemberEntity();
                m.memberId = p.memberId();
                m.firstName = p.firstName();
                m.lastName = p.lastName();
                m.headline = p.headline();
                m.persist();
            }
        });
    }
}
