package dev.trellis.recommendation.domain;

import dev.trellis.events.recommendation.IntroductionDeclined;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.events.recommendation.IntroductionRequested;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.trellis.recommendation.domain.RecommendationTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ANN asks IAN (her connection) to introduce her to TOM (IAN's connection, 2nd degree to ANN). */
class IntroductionTest {
    static final UUID ID = UUID.randomUUID();
    static final UUID ANN = UUID.randomUUID();
    static final UUID IAN = UUID.randomUUID();
    static final UUID TOM = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final Introduction.Facts SECOND_DEGREE = new Introduction.Facts(true, true, false);
    static final IntroductionRequested REQUESTED = new IntroductionRequested(ID, ANN, IAN, TOM, "I'd love to learn about Acme", T);

    @Test
    void ask_a_mutual_connection() {
        assertEquals(List.of(REQUESTED), Introduction.request(ID, ANN, IAN, TOM, "  I'd love to learn about Acme ", SECOND_DEGREE, false, T));
    }

    @Test
    void the_target_must_be_2nd_degree_through_the_introducer() {
        refused("not-possible", DomainException.Kind.FORBIDDEN,
                () -> Introduction.request(ID, ANN, IAN, TOM, "hi", new Introduction.Facts(false, true, false), false, T));
        refused("not-possible", DomainException.Kind.FORBIDDEN,
                () -> Introduction.request(ID, ANN, IAN, TOM, "hi", new Introduction.Facts(true, false, false), false, T));
        refused("already-connected", DomainException.Kind.CONFLICT,
                () -> Introduction.request(ID, ANN, IAN, TOM, "hi", new Introduction.Facts(true, true, true), false, T));
    }

    @Test
    void three_different_members_a_note_and_one_open_request_per_target() {
        refused("cannot-introduce-yourself", DomainException.Kind.RULE_VIOLATION,
                () -> Introduction.request(ID, ANN, IAN, ANN, "hi", SECOND_DEGREE, false, T));
        refused("cannot-introduce-yourself", DomainException.Kind.RULE_VIOLATION,
                () -> Introduction.request(ID, ANN, ANN, TOM, "hi", SECOND_DEGREE, false, T));
        refused("introducer-is-target", DomainException.Kind.RULE_VIOLATION,
                () -> Introduction.request(ID, ANN, TOM, TOM, "hi", SECOND_DEGREE, false, T));
        refused("note-required", DomainException.Kind.RULE_VIOLATION,
                () -> Introduction.request(ID, ANN, IAN, TOM, " ", SECOND_DEGREE, false, T));
        refused("note-too-long", DomainException.Kind.RULE_VIOLATION,
                () -> Introduction.request(ID, ANN, IAN, TOM, "n".repeat(501), SECOND_DEGREE, false, T));
        refused("introduction-already-requested", DomainException.Kind.CONFLICT,
                () -> Introduction.request(ID, ANN, IAN, TOM, "hi", SECOND_DEGREE, true, T));
    }

    @Test
    void only_the_introducer_forwards_or_declines_once() {
        Introduction i = Introduction.from(List.of(REQUESTED));
        assertEquals(List.of(new IntroductionForwarded(ID, ANN, IAN, TOM, "I'd love to learn about Acme", T)), i.forward(IAN, SECOND_DEGREE, T));
        assertEquals(List.of(new IntroductionDeclined(ID, ANN, IAN, TOM, T)), i.decline(IAN, T));
        refused("not-the-introducer", DomainException.Kind.FORBIDDEN, () -> i.forward(ANN, SECOND_DEGREE, T));
        refused("not-the-introducer", DomainException.Kind.FORBIDDEN, () -> i.decline(TOM, T));
        Introduction declined = Introduction.from(List.of(REQUESTED, new IntroductionDeclined(ID, ANN, IAN, TOM, T)));
        refused("introduction-not-pending", DomainException.Kind.CONFLICT, () -> declined.forward(IAN, SECOND_DEGREE, T));
    }

    @Test
    void forwarding_checks_the_graph_again() {
        Introduction i = Introduction.from(List.of(REQUESTED));
        refused("not-possible", DomainException.Kind.FORBIDDEN,
                () -> i.forward(IAN, new Introduction.Facts(true, false, false), T));
        refused("already-connected", DomainException.Kind.CONFLICT,
                () -> i.forward(IAN, new Introduction.Facts(true, true, true), T));
    }

    @Test
    void the_target_sees_it_only_once_forwarded() {
        assertFalse(Introduction.from(List.of(REQUESTED)).visibleTo(TOM));
        assertTrue(Introduction.from(List.of(REQUESTED)).visibleTo(IAN));
        assertTrue(Introduction.from(List.of(REQUESTED, new IntroductionForwarded(ID, ANN, IAN, TOM, "x", T))).visibleTo(TOM));
    }

    @Test
    void a_block_among_the_three_refuses_asking_and_forwarding() {
        Introduction.Facts blocked = new Introduction.Facts(true, true, false, true);
        refused("not-possible", DomainException.Kind.FORBIDDEN,
                () -> Introduction.request(ID, ANN, IAN, TOM, "hi", blocked, false, T));
        refused("not-possible", DomainException.Kind.FORBIDDEN,
                () -> Introduction.from(List.of(REQUESTED)).forward(IAN, blocked, T));
    }

    @Test
    void a_removed_connection_or_a_block_between_two_of_the_three_closes_an_open_introduction_as_declined() {
        Introduction open = Introduction.from(List.of(REQUESTED));
        IntroductionDeclined declined = new IntroductionDeclined(ID, ANN, IAN, TOM, T);
        assertEquals(List.of(declined), open.cancelOnGraphChange(ANN, IAN, T), "requester and introducer");
        assertEquals(List.of(declined), open.cancelOnGraphChange(TOM, IAN, T), "introducer and target, either order");
        assertEquals(List.of(declined), open.cancelOnGraphChange(TOM, ANN, T), "requester and target (a block)");
        UUID other = UUID.randomUUID();
        assertEquals(List.of(), open.cancelOnGraphChange(ANN, other, T), "a pair with an outsider changes nothing");
        assertEquals(List.of(), open.cancelOnGraphChange(ANN, ANN, T));
        // already decided: nothing more
        assertEquals(List.of(), Introduction.from(List.of(REQUESTED, new IntroductionForwarded(ID, ANN, IAN, TOM, "x", T)))
                .cancelOnGraphChange(ANN, IAN, T));
        assertEquals(List.of(), Introduction.from(List.of(REQUESTED, declined)).cancelOnGraphChange(ANN, IAN, T));
    }

    @Test
    void a_closed_account_of_any_of_the_three_closes_an_open_introduction_as_declined_once() {
        Introduction open = Introduction.from(List.of(REQUESTED));
        IntroductionDeclined declined = new IntroductionDeclined(ID, ANN, IAN, TOM, T);
        assertEquals(List.of(declined), open.closeAccount(ANN, T), "the requester");
        assertEquals(List.of(declined), open.closeAccount(IAN, T), "the introducer");
        assertEquals(List.of(declined), open.closeAccount(TOM, T), "the target");
        assertEquals(List.of(), open.closeAccount(UUID.randomUUID(), T), "an outsider");
        assertEquals(List.of(), Introduction.from(List.of(REQUESTED, declined)).closeAccount(ANN, T), "twice");
        assertEquals(List.of(), Introduction.from(List.of(REQUESTED, new IntroductionForwarded(ID, ANN, IAN, TOM, "x", T)))
                .closeAccount(TOM, T), "forwarded already");
    }
}
