package dev.trellis.notification.application;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What members did to their notifications and prompts, and what the reminder sweep decided: inputs that do not
 * come from another service's topic. They are kept as private events (never published) in the service's event
 * store, so that a replay, which rebuilds the projections from the topics, re-applies them too and ends with
 * the same badges. Notification and prompt ids are derived from natural keys, so they stay valid across a
 * replay.
 */
public final class PrivateEvents {
    public static final String PREFIX = "notification.private.";

    /** The member saw these notifications (opened a tab). */
    public record NotificationsSeen(UUID memberId, List<UUID> notificationIds, Instant at) implements TrellisEvent {
        @Override
        public String subject() {
            return memberId.toString();
        }
    }

    /** The member read these notifications (and so saw them). */
    public record NotificationsRead(UUID memberId, List<UUID> notificationIds, Instant at) implements TrellisEvent {
        @Override
        public String subject() {
            return memberId.toString();
        }
    }

    /** The member dismissed a prompt. */
    public record PromptDismissed(UUID memberId, UUID promptId, Instant at) implements TrellisEvent {
        @Override
        public String subject() {
            return memberId.toString();
        }
    }

    /**
     * The sweep reminded {@code memberId} about the connection with {@code otherMemberId}: kind FOLLOW_UP_REMINDER
     * ({@code since}: when they connected) or CHECK_IN_SUGGESTION ({@code since}: when the connection went quiet).
     */
    public record ReminderSent(UUID memberId, UUID otherMemberId, String kind, Instant since, Instant at)
            implements TrellisEvent {
        @Override
        public String subject() {
            return memberId.toString();
        }
    }

    /** The sweep found that the pair exchanged a message in time: no follow-up reminder. */
    public record FollowUpSettled(UUID memberA, UUID memberB, Instant at) implements TrellisEvent {
        @Override
        public String subject() {
            return memberA + "+" + memberB;
        }
    }

    public static final List<Class<? extends TrellisEvent>> ALL = List.of(NotificationsSeen.class,
            NotificationsRead.class, PromptDismissed.class, ReminderSent.class, FollowUpSettled.class);

    public static String type(Class<?> c) {
        return PREFIX + c.getSimpleName();
    }

    private PrivateEvents() {
    }
}
