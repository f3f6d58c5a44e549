package dev.trellis.invitation.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IntroductionContextTest {
    @Test
    void an_introduced_invitation_names_the_introducer_unless_the_sender_gave_a_context() {
        assertEquals("Introduced by Ian Smith", IntroductionContext.of(null, "Ian", "Smith"));
        assertEquals("Introduced by Ian Smith", IntroductionContext.of("  ", "Ian", "Smith"));
        assertEquals("Acme", IntroductionContext.of("Acme", "Ian", "Smith"));
        assertEquals("Introduced by a mutual connection", IntroductionContext.of(null, null, null));
    }

    @Test
    void it_stays_within_the_context_limit() {
        String context = IntroductionContext.of(null, "I".repeat(50), "S".repeat(50));
        assertEquals(IntroductionContext.MAX, context.length());
        assertEquals("Introduced by " + "I".repeat(50) + " " + "S".repeat(35), context);
    }
}
