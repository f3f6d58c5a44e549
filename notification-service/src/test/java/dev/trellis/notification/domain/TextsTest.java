package dev.trellis.notification.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextsTest {
    @Test
    void notification_texts_name_the_actor_or_a_member() {
        assertEquals("Alice Smith wants to connect", Texts.notification(NotificationKind.INVITATION_RECEIVED, "Alice Smith"));
        assertEquals("Bob Jones accepted your invitation", Texts.notification(NotificationKind.INVITATION_ACCEPTED, "Bob Jones"));
        assertEquals("Alice Smith wrote you a recommendation",
                Texts.notification(NotificationKind.RECOMMENDATION_RECEIVED, "Alice Smith"));
        assertEquals("A member wants to connect", Texts.notification(NotificationKind.INVITATION_RECEIVED, null));
        assertEquals("Chris Cooper wants to connect: Hi Olivia!", Texts.notification(NotificationKind.INVITATION_RECEIVED,
                "Chris Cooper", null, null, " Hi Olivia! "));
        assertEquals("Chris Cooper wants to connect", Texts.notification(NotificationKind.INVITATION_RECEIVED,
                "Chris Cooper", null, null, "  "));
        assertEquals("Olivia Taylor accepted your invitation", Texts.notification(NotificationKind.INVITATION_ACCEPTED,
                "Olivia Taylor", null, null, "ignored"));
        assertEquals("Reminder: Alice Smith is waiting for your answer",
                Texts.notification(NotificationKind.INVITATION_REMINDER, "Alice Smith"));
        assertEquals("A member", Texts.displayName(null, null));
        assertEquals("Alice Smith", Texts.displayName(" Alice ", "Smith"));
    }

    @Test
    void prompt_messages_greet_the_other_member_by_first_name() {
        assertTrue(Texts.prompt(PromptKind.WELCOME_MESSAGE, "Alice").startsWith("Thanks for connecting, Alice! "));
        assertTrue(Texts.prompt(PromptKind.FOLLOW_UP, "Bob").startsWith("Great to be connected, Bob. "));
        assertTrue(Texts.prompt(PromptKind.WELCOME_MESSAGE, null).startsWith("Thanks for connecting! "));
    }
}
