package dev.trellis.invitation.application;

import dev.trellis.invitation.domain.InvitationPolicy;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;

/** The invitation limits from configuration (trellis.invitation.*). */
public class PolicyProducer {
    @Produces
    @Singleton
    InvitationPolicy policy(@ConfigProperty(name = "trellis.invitation.note-limit") int noteLimit,
                            @ConfigProperty(name = "trellis.invitation.expiry") Duration expiry,
                            @ConfigProperty(name = "trellis.invitation.withdraw-cooldown") Duration cooldown,
                            @ConfigProperty(name = "trellis.invitation.connection-cap") int cap,
                            @ConfigProperty(name = "trellis.invitation.max-pending-sent") int maxPending,
                            @ConfigProperty(name = "trellis.invitation.reminders") List<Duration> reminders) {
        return new InvitationPolicy(noteLimit, expiry, cooldown, cap, maxPending, List.copyOf(reminders));
    }
}
