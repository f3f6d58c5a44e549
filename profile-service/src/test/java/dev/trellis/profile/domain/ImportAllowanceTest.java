package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImportAllowanceTest {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final ImportAllowance.Policy POLICY = ImportAllowance.Policy.standard();

    static List<Instant> minutesAgo(int... minutes) {
        List<Instant> out = new ArrayList<>();
        for (int m : minutes) {
            out.add(NOW.minus(Duration.ofMinutes(m)));
        }
        return out;
    }

    @Test
    void at_most_a_thousand_distinct_addresses_an_import() {
        assertDoesNotThrow(() -> ImportAllowance.checkSize(1_000, POLICY));
        DomainException e = assertThrows(DomainException.class, () -> ImportAllowance.checkSize(1_001, POLICY));
        assertEquals("contacts", e.field());
        assertEquals(DomainException.Kind.INVALID, e.kind());
    }

    @Test
    void five_an_hour_the_sixth_waits_until_the_oldest_of_them_is_an_hour_old() {
        assertDoesNotThrow(() -> ImportAllowance.checkRate(minutesAgo(1, 2, 3, 4), NOW, POLICY));
        DomainException e = assertThrows(DomainException.class,
                () -> ImportAllowance.checkRate(minutesAgo(50, 1, 40, 2, 3), NOW, POLICY));
        assertEquals("too-many-imports", e.reason());
        assertEquals(DomainException.Kind.RATE_LIMITED, e.kind());
        assertEquals(NOW.plus(Duration.ofMinutes(10)), e.retryAt());
        // an hour later the window has room again
        assertDoesNotThrow(() -> ImportAllowance.checkRate(minutesAgo(61, 62, 63, 64, 65), NOW, POLICY));
    }

    @Test
    void ten_a_day_the_eleventh_waits_until_the_oldest_of_them_is_a_day_old() {
        List<Instant> tenToday = minutesAgo(1_400, 1_300, 1_200, 1_100, 1_000, 900, 800, 700, 600, 500);
        DomainException e = assertThrows(DomainException.class, () -> ImportAllowance.checkRate(tenToday, NOW, POLICY));
        assertEquals(NOW.plus(Duration.ofMinutes(40)), e.retryAt());
        // those older than a day do not count
        List<Instant> older = new ArrayList<>(minutesAgo(1_441, 1_500, 2_000));
        older.addAll(minutesAgo(900, 800, 700, 600, 500, 400));
        assertDoesNotThrow(() -> ImportAllowance.checkRate(older, NOW, POLICY));
    }

    @Test
    void when_both_windows_are_full_the_later_moment_counts() {
        List<Instant> t = minutesAgo(1_430, 1_000, 900, 800, 700, 50, 40, 30, 20, 10);
        DomainException e = assertThrows(DomainException.class, () -> ImportAllowance.checkRate(t, NOW, POLICY));
        // the hour frees up in 10 minutes, the day only when the one 1,430 minutes ago leaves it: in 10 minutes too
        assertEquals(NOW.plus(Duration.ofMinutes(10)), e.retryAt());
        List<Instant> u = minutesAgo(1_420, 1_000, 900, 800, 700, 55, 40, 30, 20, 10);
        assertEquals(NOW.plus(Duration.ofMinutes(20)),
                assertThrows(DomainException.class, () -> ImportAllowance.checkRate(u, NOW, POLICY)).retryAt());
    }
}
