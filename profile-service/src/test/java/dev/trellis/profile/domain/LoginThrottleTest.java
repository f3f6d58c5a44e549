package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoginThrottleTest {
    static final LoginThrottle.Policy POLICY = new LoginThrottle.Policy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void five_failures_within_fifteen_minutes_lock_for_fifteen_minutes() {
        LoginThrottle s = LoginThrottle.none();
        for (int i = 0; i < 4; i++) {
            s = s.failed(T.plusSeconds(60L * i), POLICY);
            s.check(T.plusSeconds(60L * i));
        }
        assertEquals(4, s.failures());
        s = s.failed(T.plusSeconds(300), POLICY);
        LoginThrottle locked = s;
        DomainException e = assertThrows(DomainException.class, () -> locked.check(T.plusSeconds(301)));
        assertEquals("login-locked", e.reason());
        assertEquals(T.plusSeconds(300).plus(Duration.ofMinutes(15)), e.retryAt());
        locked.check(T.plusSeconds(300).plus(Duration.ofMinutes(15)));
    }

    @Test
    void failures_spread_beyond_the_window_do_not_lock() {
        LoginThrottle s = LoginThrottle.none();
        for (int i = 0; i < 10; i++) {
            s = s.failed(T.plus(Duration.ofMinutes(4L * i)), POLICY);
        }
        assertNull(s.lockedUntil());
    }

    @Test
    void after_a_lock_the_count_starts_again() {
        LoginThrottle s = LoginThrottle.none();
        for (int i = 0; i < 5; i++) {
            s = s.failed(T, POLICY);
        }
        s = s.failed(T.plus(Duration.ofMinutes(16)), POLICY);
        assertEquals(1, s.failures());
        assertNull(s.lockedUntil());
    }
}
