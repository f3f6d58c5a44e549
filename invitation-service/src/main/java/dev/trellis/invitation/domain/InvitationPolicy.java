package dev.trellis.invitation.domain;

import java.time.Duration;
import java.util.List;

/**
 * The tunable limits of invitations (configuration, trellis.invitation.*).
 *
 * @param noteLimit        characters of the personal note after trimming (300)
 * @param expiry           a pending invitation expires after this (6 months)
 * @param withdrawCooldown after withdrawing, the sender may not re-invite that member for this long (21 days)
 * @param connectionCap    nobody has more 1st-degree connections than this (30,000)
 * @param maxPendingSent   at most this many open sent invitations per member (5,000)
 * @param reminders        reminder offsets after sending while pending (7 and 14 days)
 */
public record InvitationPolicy(int noteLimit, Duration expiry, Duration withdrawCooldown, int connectionCap,
                               int maxPendingSent, List<Duration> reminders) {

    public static InvitationPolicy defaults() {
        return new InvitationPolicy(300, Duration.ofDays(182), Duration.ofDays(21), 30_000, 5_000,
                List.of(Duration.ofDays(7), Duration.ofDays(14)));
    }
}
