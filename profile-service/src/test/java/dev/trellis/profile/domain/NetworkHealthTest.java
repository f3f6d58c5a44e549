package dev.trellis.profile.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkHealthTest {

    static List<String> codes(NetworkHealth.Report r) {
        return r.advice().stream().map(NetworkHealth.Advice::code).toList();
    }

    @Test
    void the_target_range_follows_the_career_level() {
        var student = NetworkHealth.assess(new NetworkHealth.Facts(CareerLevel.STUDENT, 60, 0, 0, 0, 0, true, false, 3, 0, 0, 1));
        assertEquals(NetworkHealth.Status.IN_RANGE, student.status());
        assertEquals(50, student.targetMin());
        assertEquals(100, student.targetMax());
        var exec = NetworkHealth.assess(new NetworkHealth.Facts(CareerLevel.EXECUTIVE, 5_000, 0, 0, 0, 0, false, true, 0, 9, 0, 1));
        assertEquals(NetworkHealth.Status.IN_RANGE, exec.status());
        assertNull(exec.targetMax());
        var established = NetworkHealth.assess(new NetworkHealth.Facts(CareerLevel.ESTABLISHED_PROFESSIONAL, 1_200, 0, 0, 0, 0, false, true, 0, 9, 0, 1));
        assertEquals(NetworkHealth.Status.ABOVE_RANGE, established.status());
        assertTrue(codes(established).contains("quality-over-quantity"));
    }

    @Test
    void a_student_below_target_is_told_to_reconnect_with_classmates() {
        var r = NetworkHealth.assess(new NetworkHealth.Facts(CareerLevel.STUDENT, 3, 0, 0, 0, 0, true, false, 1, 0, 0, 0));
        assertEquals(NetworkHealth.Status.BELOW_TARGET, r.status());
        assertEquals(List.of("reconnect-with-classmates", "import-contacts", "join-groups"), codes(r));
    }

    @Test
    void a_low_acceptance_rate_asks_for_personal_notes() {
        var r = NetworkHealth.assess(new NetworkHealth.Facts(CareerLevel.YOUNG_PROFESSIONAL, 350, 10, 7, 3, 10, false, true, 0, 5, 0, 2));
        assertEquals(0.3, r.acceptanceRate(), 1e-9);
        assertEquals(List.of("personalize-invitations", "connect-with-people-you-know", "quality-over-quantity"), codes(r));
        var few = NetworkHealth.assess(new NetworkHealth.Facts(CareerLevel.YOUNG_PROFESSIONAL, 350, 4, 4, 0, 4, false, true, 0, 5, 0, 2));
        assertNull(few.acceptanceRate(), "four invitations say nothing yet");
    }

    @Test
    void recent_invitations_do_not_count_against_the_acceptance_rate_and_ignored_ones_are_pending() {
        // ten sent, two accepted, the other eight (ignored or not: the sender cannot tell) too recent to count
        var waiting = NetworkHealth.assess(new NetworkHealth.Facts(CareerLevel.YOUNG_PROFESSIONAL, 350, 10, 8, 2, 2, false, true, 0, 5, 0, 2));
        assertNull(waiting.acceptanceRate());
        assertEquals(List.of("quality-over-quantity"), codes(waiting));
        // ten sent, six settled (accepted or old enough), two of them accepted
        var settled = NetworkHealth.assess(new NetworkHealth.Facts(CareerLevel.YOUNG_PROFESSIONAL, 350, 10, 8, 2, 6, false, true, 0, 5, 0, 2));
        assertEquals(1.0 / 3, settled.acceptanceRate(), 1e-9);
        assertEquals(8, settled.invitationsPending());
        assertTrue(codes(settled).contains("personalize-invitations"));
    }

    @Test
    void colleagues_missing_and_a_one_sided_network_are_pointed_out() {
        var r = NetworkHealth.assess(new NetworkHealth.Facts(CareerLevel.RECENT_GRADUATE, 20, 0, 0, 0, 0, false, true, 0, 0, 18, 1));
        assertEquals(List.of("add-education", "reconnect-with-colleagues", "broaden-your-network"), codes(r));
    }

    @Test
    void without_a_career_level_the_member_is_asked_to_set_one() {
        var r = NetworkHealth.assess(new NetworkHealth.Facts(null, 0, 0, 0, 0, 0, false, false, 0, 0, 0, 0));
        assertEquals(NetworkHealth.Status.UNKNOWN_CAREER_LEVEL, r.status());
        assertEquals("set-career-level", codes(r).get(0));
    }
}
