package dev.trellis.invitation.projection;

import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.invitation.store.MemberEntity;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the set of existing members (invitations go only to real members). */
@ApplicationScoped
public class ProfileProjection {
    private final Inbox inbox;

    public ProfileProjection(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("profile-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.process("invitation-profiles", record, (event, envelope) -> {
            if (event instanceof ProfileCreated p && MemberEntity.findById(p.memberId()) == null) {
                MemberEntity m = new MemberEntity();
                m.memberId = p.memberId();
                m.firstName = p.firstName();
                m.lastName = p.lastName();
                m.persist();
            }
        });
    }
}
