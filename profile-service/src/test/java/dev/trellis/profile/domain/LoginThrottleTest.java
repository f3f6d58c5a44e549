package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoginThrottleTest {
    static final LoginThrottle.Policy POLICY = new LoginThrottle.Policy(30, Duration.ofMinutes(1), 3,
            Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofHours(1), 10, Duration.ofMinutes(1));
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void three_failures_are_free_then_the_wait_doubles_up_to_fifteen_minutes() {
        assertEquals(Duration.ZERO, LoginThrottle.delayAfter(3, POLICY));
        assertEquals(Duration.ofSeconds(2), LoginThrottle.delayAfter(4, POLICY));
        assertEquals(Duration.ofSeconds(4), LoginThrottle.delayAfter(5, POLICY));
        assertEquals(Duration.ofSeconds(8), LoginThrottle.delayAfter(6, POLICY));
        assertEquals(Duration.ofSeconds(512), LoginThrottle.delayAfter(12, POLICY));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delayAfter(13, POLICY));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delayAfter(Integer.MAX_VALUE, POLICY));
    }

    @Test
    void given_three_failures_of_a_client_when_it_fails_again_then_it_waits_before_its_next_attempt() {
        LoginThrottle.Pair p = LoginThrottle.Pair.none();
        for (int i = 0; i < 3; i++) {
            p = p.failed(T, POLICY);
            LoginThrottle.checkPair(p, LoginThrottle.Window.none(), T, POLICY);
        }
        LoginThrottle.Pair fourth = p.failed(T, POLICY);
        DomainException e = assertThrows(DomainException.class,
                () -> LoginThrottle.checkPair(fourth, LoginThrottle.Window.none(), T.plusSeconds(1), POLICY));
        assertEquals("login-backoff", e.reason());
        assertEquals(T.plusSeconds(2), e.retryAt());
        assertDoesNotThrow(() -> LoginThrottle.checkPair(fourth, LoginThrottle.Window.none(), T.plusSeconds(2), POLICY));
    }

    @Test
    void a_clients_failures_are_forgotten_an_hour_after_its_last_one() {
        LoginThrottle.Pair p = LoginThrottle.Pair.none();
        for (int i = 0; i < 8; i++) {
            p = p.failed(T, POLICY);
        }
        assertEquals(8, p.failuresAt(T.plus(Duration.ofMinutes(59)), POLICY));
        LoginThrottle.Pair later = p.failed(T.plus(Duration.ofHours(1)), POLICY);
        assertEquals(1, later.failures());
        assertNull(later.nextAllowed());
    }

    @Test
    void given_an_account_with_its_failures_of_the_minute_a_client_that_failed_in_it_waits_and_a_fresh_one_is_checked() {
        LoginThrottle.Window account = LoginThrottle.Window.none();
        for (int i = 0; i < 10; i++) {
            account = account.add(T.plusSeconds(i), POLICY.accountWindow());
        }
        LoginThrottle.Window full = account;
        LoginThrottle.Pair failedOnce = LoginThrottle.Pair.none().failed(T.plusSeconds(5), POLICY);
        DomainException e = assertThrows(DomainException.class,
                () -> LoginThrottle.checkPair(failedOnce, full, T.plusSeconds(20), POLICY));
        assertEquals("login-backoff", e.reason());
        assertEquals(T.plus(Duration.ofMinutes(1)), e.retryAt());
        // the owner (no failure from there) is checked as usual
        assertDoesNotThrow(() -> LoginThrottle.checkPair(LoginThrottle.Pair.none(), full, T.plusSeconds(20), POLICY));
        // a failure from before the window does not count as failing in it
        LoginThrottle.Pair failedBefore = LoginThrottle.Pair.none().failed(T.minusSeconds(5), POLICY);
        assertDoesNotThrow(() -> LoginThrottle.checkPair(failedBefore, full, T.plusSeconds(20), POLICY));
        // once the minute is over, everyone is checked again
        assertDoesNotThrow(() -> LoginThrottle.checkPair(failedOnce, full, T.plus(Duration.ofMinutes(1)), POLICY));
    }

    @Test
    void a_client_makes_thirty_attempts_a_minute() {
        LoginThrottle.Window w = LoginThrottle.Window.none();
        for (int i = 0; i < 30; i++) {
            w = w.add(T.plusSeconds(i), POLICY.clientWindow());
            LoginThrottle.checkClient(w, T.plusSeconds(i), POLICY);
        }
        LoginThrottle.Window over = w.add(T.plusSeconds(40), POLICY.clientWindow());
        DomainException e = assertThrows(DomainException.class,
                () -> LoginThrottle.checkClient(over, T.plusSeconds(40), POLICY));
        assertEquals("too-many-attempts", e.reason());
        assertEquals(T.plus(Duration.ofMinutes(1)), e.retryAt());
        LoginThrottle.Window next = over.add(T.plus(Duration.ofMinutes(1)), POLICY.clientWindow());
        assertEquals(1, next.count());
        LoginThrottle.checkClient(next, T.plus(Duration.ofMinutes(1)), POLICY);
    }
}
