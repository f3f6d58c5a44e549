package dev.trellis.notification.domain;

import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagingPolicyTest {

    static String refusal(MessagingPolicy.PairFacts f) {
        return assertThrows(DomainException.class, () -> MessagingPolicy.checkMaySend(f)).reason();
    }

    @Test
    void connections_may_message_each_other() {
        MessagingPolicy.checkMaySend(new MessagingPolicy.PairFacts(false, true, false, false));
    }

    @Test
    void every_refusal_is_the_same_neutral_not_possible_whatever_the_cause() {
        // given: never connected, oneself, removed, blocked while connected, blocked after a removal
        for (MessagingPolicy.PairFacts f : java.util.List.of(
                new MessagingPolicy.PairFacts(false, false, false, false),
                new MessagingPolicy.PairFacts(true, false, false, false),
                new MessagingPolicy.PairFacts(false, false, true, false),
                new MessagingPolicy.PairFacts(false, true, false, true),
                new MessagingPolicy.PairFacts(false, false, true, true))) {
            // then one answer: 403 not-possible, the same detail, and a conversation closed for "not-possible"
            DomainException e = assertThrows(DomainException.class, () -> MessagingPolicy.checkMaySend(f));
            assertEquals(DomainException.Kind.FORBIDDEN, e.kind(), f.toString());
            assertEquals("not-possible", e.reason(), f.toString());
            assertEquals(DomainException.notPossible().getMessage(), e.getMessage(), f.toString());
            assertEquals("not-possible", MessagingPolicy.closedReason(f), f.toString());
        }
        assertEquals(null, MessagingPolicy.closedReason(new MessagingPolicy.PairFacts(false, true, false, false)));
    }

    @Test
    void a_prompt_to_message_the_other_is_offered_only_while_a_message_could_be_sent() {
        assertTrue(MessagingPolicy.maySend(new MessagingPolicy.PairFacts(false, true, false, false)));
        // given the connection was removed, or either blocked the other, or they never connected, or it is oneself
        for (MessagingPolicy.PairFacts f : java.util.List.of(
                new MessagingPolicy.PairFacts(false, false, true, false),
                new MessagingPolicy.PairFacts(false, true, false, true),
                new MessagingPolicy.PairFacts(false, false, false, false),
                new MessagingPolicy.PairFacts(true, false, false, false))) {
            // then no prompt, exactly when sending would be refused
            assertEquals(false, MessagingPolicy.maySend(f), f.toString());
            refusal(f);
        }
    }

    @Test
    void a_text_has_one_to_eight_thousand_characters() {
        assertEquals("x", MessagingPolicy.checkText("x"));
        assertEquals(8000, MessagingPolicy.checkText("y".repeat(8000)).length());
        assertThrows(DomainException.class, () -> MessagingPolicy.checkText("y".repeat(8001)));
        assertThrows(DomainException.class, () -> MessagingPolicy.checkText("  "));
        assertThrows(DomainException.class, () -> MessagingPolicy.checkText(null));
    }

    @Test
    void templates_fill_from_both_profiles_and_reject_unfilled_placeholders() {
        Map<String, String> v = MessageTemplates.values("Olivia", "Taylor", null, "Chris", "Cooper", "Acme");
        assertEquals("Thanks for connecting, Olivia! I'm glad to have you in my network and look forward to staying in touch. - Chris",
                MessageTemplates.render("welcome", v));
        DomainException e = assertThrows(DomainException.class, () -> MessageTemplates.render("follow-up-company", v));
        assertEquals(DomainException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("company"), e.getMessage());
        assertEquals(DomainException.Kind.NOT_FOUND,
                assertThrows(DomainException.class, () -> MessageTemplates.render("nope", v)).kind());
        assertTrue(MessageTemplates.all().stream().allMatch(t -> !t.placeholders().isEmpty()));
    }
}
