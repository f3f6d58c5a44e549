package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How much contacts import a member may do, so that an import cannot turn guessed addresses into member ids at
 * scale: at most {@code maxAddresses} distinct e-mail addresses in one import (400), and at most
 * {@code perHour} imports within any rolling hour and {@code perDay} within any rolling 24 hours (429
 * {@code too-many-imports}, with the moment the next import is allowed as Retry-After).
 */
public final class ImportAllowance {
    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofHours(24);

    public record Policy(int maxAddresses, int perHour, int perDay) {
        public static Policy standard() {
            return new Policy(1_000, 5, 10);
        }
    }

    private ImportAllowance() {
    }

    /** 400 "contacts" when one import holds more distinct addresses than the policy allows. */
    public static void checkSize(int distinctAddresses, Policy policy) {
        if (distinctAddresses > policy.maxAddresses()) {
            throw DomainException.invalid("contacts", "an import holds at most " + policy.maxAddresses()
                    + " e-mail addresses (this one holds " + distinctAddresses + "): import the rest later");
        }
    }

    /**
     * 429 "too-many-imports" when one more import at {@code now} would exceed a window, given the member's earlier
     * imports (any order; those older than a day are ignored). The Retry-After moment is when enough earlier imports
     * have left every full window.
     */
    public static void checkRate(List<Instant> earlier, Instant now, Policy policy) {
        List<Instant> recent = new ArrayList<>(earlier.stream().filter(t -> t.isAfter(now.minus(DAY))).toList());
        recent.sort(Comparator.reverseOrder());   // newest first
        Instant retryAt = null;
        retryAt = later(retryAt, freeAt(recent, now, HOUR, policy.perHour()));
        retryAt = later(retryAt, freeAt(recent, now, DAY, policy.perDay()));
        if (retryAt != null) {
            throw DomainException.rateLimited("too-many-imports", "at most " + policy.perHour() + " contacts imports an "
                    + "hour and " + policy.perDay() + " a day: try again later", retryAt);
        }
    }

    /** When the window next has room for one more import, or null if it has room now. */
    private static Instant freeAt(List<Instant> newestFirst, Instant now, Duration window, int max) {
        List<Instant> inWindow = newestFirst.stream().filter(t -> t.isAfter(now.minus(window))).toList();
        if (inWindow.size() < max) {
            return null;
        }
        // the max-th newest must leave the window before one more fits
        return inWindow.get(max - 1).plus(window);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
