package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;

import java.time.Duration;
import java.time.Instant;

/**
 * Brute-force protection of log-in (and of the current password of a password change) that a stranger cannot turn
 * into a lock-out of the owner. Three counters:
 * <ul>
 * <li><b>client</b>: every attempt of one client address counts; over {@code clientMaxAttempts} within
 *     {@code clientWindow} the client is refused (429 {@code too-many-attempts}) whatever account it tries;</li>
 * <li><b>pair</b> (one account tried from one client): after {@code freeFailures} failures each further failure
 *     makes that client wait before its next attempt on that account, doubling from {@code backoffBase} up to
 *     {@code backoffMax} (429 {@code login-backoff}, the password is not checked meanwhile). A success clears it;
 *     failures older than {@code backoffReset} are forgotten. Other clients are not affected, so the owner can
 *     log in while a stranger hammers the account;</li>
 * <li><b>account</b>: failures from all clients within {@code accountWindow}; once there were
 *     {@code accountMaxFailures}, a client that failed on the account within the window waits until the window
 *     ends (one guess per client address and window). A client that has not failed (the owner) is still checked.</li>
 * </ul>
 */
public final class LoginThrottle {

    public record Policy(int clientMaxAttempts, Duration clientWindow, int freeFailures, Duration backoffBase,
                         Duration backoffMax, Duration backoffReset, int accountMaxFailures, Duration accountWindow) {
        public Policy {
            if (clientMaxAttempts < 1 || freeFailures < 0 || accountMaxFailures < 1) {
                throw new IllegalArgumentException("log-in limits must be positive");
            }
        }
    }

    /** A count in a fixed window that starts with its first count. */
    public record Window(int count, Instant start) {
        public static Window none() {
            return new Window(0, null);
        }

        /** The count at {@code now}: 0 once the window is over. */
        public int countAt(Instant now, Duration length) {
            return start == null || !now.isBefore(start.plus(length)) ? 0 : count;
        }

        public Window add(Instant now, Duration length) {
            return countAt(now, length) == 0 ? new Window(1, now) : new Window(count + 1, start);
        }

        public Instant end(Duration length) {
            return start == null ? null : start.plus(length);
        }

        /** Whether {@code t} falls in the window that is current at {@code now}. */
        boolean holds(Instant t, Instant now, Duration length) {
            return t != null && countAt(now, length) > 0 && !t.isBefore(start);
        }
    }

    /** Failures of one account from one client. */
    public record Pair(int failures, Instant lastFailure, Instant nextAllowed) {
        public static Pair none() {
            return new Pair(0, null, null);
        }

        public int failuresAt(Instant now, Policy p) {
            return lastFailure == null || !now.isBefore(lastFailure.plus(p.backoffReset())) ? 0 : failures;
        }

        /** The state after one more failure at {@code now}. */
        public Pair failed(Instant now, Policy p) {
            int n = failuresAt(now, p) + 1;
            Duration delay = delayAfter(n, p);
            return new Pair(n, now, delay.isZero() ? null : now.plus(delay));
        }
    }

    /** How long a client waits after its n-th failure on one account: 0 for the free ones, then doubling, capped. */
    public static Duration delayAfter(int failures, Policy p) {
        int over = failures - p.freeFailures();
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration d = p.backoffBase();
        for (int i = 1; i < over && d.compareTo(p.backoffMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(p.backoffMax()) > 0 ? p.backoffMax() : d;
    }

    /** 429 {@code too-many-attempts} if the client already made its attempts of the window (this one counted). */
    public static void checkClient(Window attemptsWithThisOne, Instant now, Policy p) {
        if (attemptsWithThisOne.countAt(now, p.clientWindow()) > p.clientMaxAttempts()) {
            throw DomainException.rateLimited("too-many-attempts",
                    "too many log-in attempts from this address: try again later", attemptsWithThisOne.end(p.clientWindow()));
        }
    }

    /**
     * 429 {@code login-backoff} if this client must wait before trying this account again: its own back-off, or
     * the account had its failures of the window and this client is one of those that failed in it.
     */
    public static void checkPair(Pair pair, Window accountFailures, Instant now, Policy p) {
        if (pair.nextAllowed() != null && now.isBefore(pair.nextAllowed())) {
            throw backoff(pair.nextAllowed());
        }
        if (accountFailures.countAt(now, p.accountWindow()) >= p.accountMaxFailures()
                && accountFailures.holds(pair.lastFailure(), now, p.accountWindow())) {
            throw backoff(accountFailures.end(p.accountWindow()));
        }
    }

    private static DomainException backoff(Instant until) {
        return DomainException.rateLimited("login-backoff", "too many failed log-ins from here: try again later", until);
    }

    private LoginThrottle() {
    }
}
