package dev.trellis.invitation.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandingTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    static Standing of(int accepted, int ignored, int declined, int expired) {
        return Standing.compute(new Standing.History(accepted, ignored, declined, expired), List.of(), NOW);
    }

    @Test
    void a_new_member_gets_100_a_week() {
        Standing s = of(3, 2, 0, 0);
        assertEquals(100, s.quota());
        assertNull(s.acceptanceRate());
        assertEquals(100, s.remaining());
        assertTrue(s.reasons().get(0).contains("fewer than 10"));
    }

    @Test
    void the_quota_follows_the_acceptance_rate() {
        assertEquals(100, of(10, 10, 0, 0).quota());
        assertEquals(400, of(40, 0, 0, 0).quota());
        assertEquals(25, of(0, 40, 0, 0).quota());
        assertEquals(200, of(30, 10, 0, 0).quota()); // 75% -> 100 * 4^0.5
    }

    @Test
    void I_dont_know_answers_push_it_to_the_floor() {
        assertEquals(5, of(1, 10, 9, 0).quota());
        assertTrue(of(1, 10, 9, 0).reasons().stream().anyMatch(r -> r.contains("don't know you")));
        assertEquals(75, of(20, 15, 5, 0).quota()); // r = 0.5, u = 0.125: 100 * 4^0 * (1 - 0.25)
    }

    @Test
    void used_and_resets_at_count_the_rolling_7_days() {
        List<Instant> sends = IntStream.range(0, 5).mapToObj(i -> NOW.minus(Duration.ofDays(i * 2L))).toList(); // 0,2,4,6,8 days ago
        Standing s = Standing.compute(new Standing.History(0, 0, 0, 0), sends, NOW);
        assertEquals(4, s.used());
        assertEquals(96, s.remaining());
        assertEquals(NOW.minus(Duration.ofDays(6)).plus(Duration.ofDays(7)), s.resetsAt());
    }
}
