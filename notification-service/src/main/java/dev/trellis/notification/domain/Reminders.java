package dev.trellis.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * When to nudge members about their connections (see the domain text 04: follow up after connecting, nurture).
 *
 * <ul>
 * <li>Follow-up: a connection made {@code followUpAfter} ago (3 days by default) with no message either way
 * since reminds both members, once. A message in that time settles it without a reminder, and so does a sweep
 * that comes later than {@code followUpWithin} (14 days) after connecting.</li>
 * <li>Nurture: a connection quiet (no message, or never one since connecting) for {@code quietFor} (90 days)
 * is suggested to a member as a check-in, at most once per quiet spell and at most one suggestion per member
 * per {@code nurtureEvery} (a week).</li>
 * </ul>
 */
public final class Reminders {

    public enum FollowUp {
        /** Not due yet. */
        WAIT,
        /** Due: remind both members. */
        REMIND,
        /** A message was exchanged in time: settled, no reminder. */
        SETTLED
    }

    /**
     * {@code followUpWithin}: a follow-up not sent by then (the sweep was off, the connection was older than this
     * service) is settled without a reminder, a late nudge about an old connection being noise.
     */
    public record Periods(Duration followUpAfter, Duration followUpWithin, Duration quietFor, Duration nurtureEvery) {
    }

    public static FollowUp followUp(Instant connectedAt, Instant lastMessageAt, Instant now, Periods p) {
        if (lastMessageAt != null && !lastMessageAt.isBefore(connectedAt)) {
            return FollowUp.SETTLED;
        }
        if (now.isBefore(connectedAt.plus(p.followUpAfter()))) {
            return FollowUp.WAIT;
        }
        return now.isBefore(connectedAt.plus(p.followUpWithin())) ? FollowUp.REMIND : FollowUp.SETTLED;
    }

    /** Since when the connection is quiet: its last message, or when it was made. */
    public static Instant quietSince(Instant connectedAt, Instant lastMessageAt) {
        return lastMessageAt != null && lastMessageAt.isAfter(connectedAt) ? lastMessageAt : connectedAt;
    }

    /**
     * Whether to suggest a check-in with this connection now.
     *
     * @param nurturedAt         when this member was last suggested this connection (null: never)
     * @param lastSuggestedAtAll when this member was last suggested any connection (null: never)
     */
    public static boolean suggestCheckIn(Instant connectedAt, Instant lastMessageAt, Instant nurturedAt,
                                         Instant lastSuggestedAtAll, Instant now, Periods p) {
        Instant quiet = quietSince(connectedAt, lastMessageAt);
        if (now.isBefore(quiet.plus(p.quietFor()))) {
            return false;
        }
        if (nurturedAt != null && !nurturedAt.isBefore(quiet)) {
            return false; // already suggested in this quiet spell
        }
        return lastSuggestedAtAll == null || !now.isBefore(lastSuggestedAtAll.plus(p.nurtureEvery()));
    }

    public static Effect.Notify followUpReminder(UUID member, UUID other, Instant connectedAt, Instant now) {
        return new Effect.Notify(member, NotificationKind.FOLLOW_UP_REMINDER, other, null, null, null, now, false,
                null, null, null, null, null, null, "follow-up:" + other + ":" + connectedAt);
    }

    public static Effect.Notify checkIn(UUID member, UUID other, Instant quietSince, Instant now) {
        return new Effect.Notify(member, NotificationKind.CHECK_IN_SUGGESTION, other, null, null, null, now, false,
                null, null, null, null, null, null, "check-in:" + other + ":" + quietSince);
    }

    private Reminders() {
    }
}
