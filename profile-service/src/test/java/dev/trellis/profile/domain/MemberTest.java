package dev.trellis.profile.domain;

import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemberTest {
    static final UUID ID = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void sign_up_trims_names_and_drops_an_empty_headline() {
        assertEquals(List.of(new ProfileCreated(ID, "Olivia", "Taylor", null, T)),
                Member.signUp(ID, " Olivia ", "Taylor ", "  ", T));
    }

    @Test
    void names_are_required_and_bounded() {
        assertEquals("name-required",
                assertThrows(DomainException.class, () -> Member.signUp(ID, " ", "Taylor", null, T)).reason());
        assertEquals("name-too-long",
                assertThrows(DomainException.class, () -> Member.signUp(ID, "x".repeat(51), "Taylor", null, T)).reason());
    }
}
