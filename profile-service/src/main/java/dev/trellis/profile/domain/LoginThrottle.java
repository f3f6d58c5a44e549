package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;

import java.time.Duration;
import java.time.Instant;

/**
 * Brute-force protection of log-in, per e-mail address: {@code maxFailures} failures within {@code window} lock
 * log-in for {@code lockFor}, whatever password is tried meanwhile. A success clears the count.
 *
 * @param failures    failures counted in the current window
 * @param windowStart when the first of them happened (null: none)
 * @param lockedUntil until when log-in is refused (null: not locked)
 */
public record LoginThrottle(int failures, Instant windowStart, Instant lockedUntil) {

    public record Policy(int maxFailures, Duration window, Duration lockFor) {
    }

    public static LoginThrottle none() {
        return new LoginThrottle(0, null, null);
    }

    /** 429 "login-locked" with the moment log-in frees up, if locked at {@code now}. */
    public void check(Instant now) {
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            throw DomainException.rateLimited("login-locked",
                    "too many failed log-ins: try again later", lockedUntil);
        }
    }

    /** The state after one more failed attempt at {@code now}. */
    public LoginThrottle failed(Instant now, Policy policy) {
        boolean freshWindow = windowStart == null || !now.isBefore(windowStart.plus(policy.window()))
                || (lockedUntil != null && !now.isBefore(lockedUntil));
        int count = freshWindow ? 1 : failures + 1;
        Instant start = freshWindow ? now : windowStart;
        if (count >= policy.maxFailures()) {
            return new LoginThrottle(0, null, now.plus(policy.lockFor()));
        }
        return new LoginThrottle(count, start, null);
    }
}
