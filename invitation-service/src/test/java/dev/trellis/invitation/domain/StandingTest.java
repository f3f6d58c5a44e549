package dev.trellis.invitation.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandingTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    static Standing of(int counted, int accepted, int declined) {
        return Standing.compute(new Standing.History(counted, accepted, declined), List.of(), NOW);
    }

    @Test
    void a_new_member_gets_100_a_week() {
        Standing s = of(5, 3, 0);
        assertEquals(100, s.quota());
        assertNull(s.acceptanceRate());
        assertEquals(100, s.remaining());
        assertTrue(s.reasons().get(0).contains("fewer than 10"));
    }

    @Test
    void the_quota_follows_the_acceptance_rate_of_the_counted_invitations() {
        assertEquals(100, of(20, 10, 0).quota());
        assertEquals(400, of(40, 40, 0).quota());
        assertEquals(25, of(40, 0, 0).quota());
        assertEquals(200, of(40, 30, 0).quota()); // 75% -> 100 * 4^0.5
    }

    @Test
    void too_many_I_dont_know_answers_restrict_the_sender_without_saying_how_many_or_which() {
        Standing restricted = of(20, 10, 3);
        assertEquals(5, restricted.quota());
        assertTrue(restricted.reasons().stream().anyMatch(r -> r.contains("restricted")));
        // no count of declined, ignored or unanswered invitations in any reason
        assertTrue(restricted.reasons().stream().noneMatch(r -> r.contains("3") || r.contains("ignored")));
        assertEquals(100, of(20, 10, 2).quota()); // fewer than 3: not restricted
        assertEquals(100, of(40, 20, 3).quota()); // 3 of 40 is under 10%: not restricted
        assertEquals(5, of(40, 20, 4).quota());
    }

    @Test
    void an_ignore_or_an_I_dont_know_counts_like_no_answer_at_all() {
        // the history has no field for ignored or declined invitations: with the same acceptances, a sender whose
        // other invitations were ignored stands exactly as one whose invitations nobody answered yet
        Standing s = of(20, 10, 0);
        assertEquals(0.5, s.acceptanceRate());
        assertFalse(s.reasons().stream().anyMatch(r -> r.contains("ignored") || r.contains("unanswered")));
    }

    @Test
    void used_and_resets_at_count_the_rolling_7_days() {
        List<Instant> sends = IntStream.range(0, 5).mapToObj(i -> NOW.minus(Duration.ofDays(i * 2L))).toList(); // 0,2,4,6,8 days ago
        Standing s = Standing.compute(new Standing.History(0, 0, 0), sends, NOW);
        assertEquals(4, s.used());
        assertEquals(96, s.remaining());
        assertEquals(NOW.minus(Duration.ofDays(6)).plus(Duration.ofDays(7)), s.resetsAt());
    }
}
