package dev.trellis.profile.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignUpCodeTest {
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void the_right_code_in_time_verifies() {
        assertEquals(SignUpCode.Outcome.VERIFIED, new SignUpCode(4, T.plusSeconds(60)).present(true, T, 5));
    }

    @Test
    void a_wrong_code_counts_and_the_fifth_wrong_one_uses_the_sign_up_up() {
        assertEquals(SignUpCode.Outcome.WRONG, new SignUpCode(0, T.plusSeconds(60)).present(false, T, 5));
        assertEquals(SignUpCode.Outcome.WRONG, new SignUpCode(3, T.plusSeconds(60)).present(false, T, 5));
        assertEquals(SignUpCode.Outcome.USED_UP, new SignUpCode(4, T.plusSeconds(60)).present(false, T, 5));
        assertEquals(SignUpCode.Outcome.USED_UP, new SignUpCode(5, T.plusSeconds(60)).present(true, T, 5));
    }

    @Test
    void an_expired_code_does_not_verify_even_when_right() {
        assertEquals(SignUpCode.Outcome.USED_UP, new SignUpCode(0, T).present(true, T, 5));
        assertEquals("verification-failed", SignUpCode.failed().reason());
    }
}
