package dev.trellis.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemindersTest {
    static final Instant CONNECTED = Instant.parse("2026-06-01T09:00:00Z");
    static final Reminders.Periods P = new Reminders.Periods(Duration.ofDays(3), Duration.ofDays(14), Duration.ofDays(90), Duration.ofDays(7));

    @Test
    void a_follow_up_is_due_three_days_after_connecting_without_a_message() {
        assertEquals(Reminders.FollowUp.WAIT, Reminders.followUp(CONNECTED, null, CONNECTED.plus(Duration.ofDays(3)).minusSeconds(1), P));
        assertEquals(Reminders.FollowUp.REMIND, Reminders.followUp(CONNECTED, null, CONNECTED.plus(Duration.ofDays(3)), P));
    }

    @Test
    void a_follow_up_not_sent_within_fourteen_days_is_dropped() {
        assertEquals(Reminders.FollowUp.REMIND, Reminders.followUp(CONNECTED, null, CONNECTED.plus(Duration.ofDays(14)).minusSeconds(1), P));
        assertEquals(Reminders.FollowUp.SETTLED, Reminders.followUp(CONNECTED, null, CONNECTED.plus(Duration.ofDays(14)), P));
    }

    @Test
    void a_message_either_way_settles_the_follow_up() {
        assertEquals(Reminders.FollowUp.SETTLED, Reminders.followUp(CONNECTED, CONNECTED.plusSeconds(3600), CONNECTED.plus(Duration.ofDays(5)), P));
        assertEquals(Reminders.FollowUp.SETTLED, Reminders.followUp(CONNECTED, CONNECTED.plusSeconds(3600), CONNECTED.plusSeconds(7200), P));
    }

    @Test
    void a_connection_quiet_for_ninety_days_is_suggested_once_per_quiet_spell() {
        Instant now = CONNECTED.plus(Duration.ofDays(90));
        assertFalse(Reminders.suggestCheckIn(CONNECTED, null, null, null, now.minusSeconds(1), P));
        assertTrue(Reminders.suggestCheckIn(CONNECTED, null, null, null, now, P));
        // suggested already in this spell
        assertFalse(Reminders.suggestCheckIn(CONNECTED, null, now, now, now.plus(Duration.ofDays(30)), P));
        // a message starts a new spell: quiet again for 90 days, then suggested again
        Instant talked = now.plus(Duration.ofDays(1));
        assertFalse(Reminders.suggestCheckIn(CONNECTED, talked, now, now, talked.plus(Duration.ofDays(89)), P));
        assertTrue(Reminders.suggestCheckIn(CONNECTED, talked, now, now, talked.plus(Duration.ofDays(90)), P));
    }

    @Test
    void at_most_one_check_in_suggestion_per_member_per_week() {
        Instant now = CONNECTED.plus(Duration.ofDays(200));
        Instant lastOther = now.minus(Duration.ofDays(6));
        assertFalse(Reminders.suggestCheckIn(CONNECTED, null, null, lastOther, now, P));
        assertTrue(Reminders.suggestCheckIn(CONNECTED, null, null, now.minus(Duration.ofDays(7)), now, P));
    }

    @Test
    void reminders_name_the_connection_and_are_unique_per_spell() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Effect.Notify f = Reminders.followUpReminder(a, b, CONNECTED, CONNECTED.plus(Duration.ofDays(3)));
        assertEquals(b, f.actor());
        assertEquals(NotificationKind.FOLLOW_UP_REMINDER, f.kind());
        assertEquals(f.notificationId(), Reminders.followUpReminder(a, b, CONNECTED, CONNECTED.plus(Duration.ofDays(4))).notificationId());
        Effect.Notify c1 = Reminders.checkIn(a, b, CONNECTED, CONNECTED.plus(Duration.ofDays(90)));
        Effect.Notify c2 = Reminders.checkIn(a, b, CONNECTED.plus(Duration.ofDays(100)), CONNECTED.plus(Duration.ofDays(190)));
        assertNotEquals(c1.notificationId(), c2.notificationId());
        assertEquals("It's been a while since you talked with Bob Jones: check in?",
                Texts.notification(c1.kind(), "Bob Jones", null, null));
    }
}
