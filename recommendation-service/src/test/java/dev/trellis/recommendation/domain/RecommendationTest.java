package dev.trellis.recommendation.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.RecommendationAccepted;
import dev.trellis.events.recommendation.RecommendationHidden;
import dev.trellis.events.recommendation.RecommendationRejected;
import dev.trellis.events.recommendation.RecommendationRequested;
import dev.trellis.events.recommendation.RecommendationRevisionRequested;
import dev.trellis.events.recommendation.RecommendationShown;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given events, when a command, then events or a refusal. ALICE writes about BOB (BOB is the recipient). */
class RecommendationTest {
    static final UUID ID = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID CAROL = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final String TEXT = "Bob ships. He led our payments rewrite and mentored three new engineers on the way.";
    static final Recommendation.Draft DRAFT = new Recommendation.Draft("worked with", "Engineer at Acme", TEXT);

    static void refused(String reason, DomainException.Kind kind, Executable when) {
        DomainException e = assertThrows(DomainException.class, when);
        assertEquals(reason, e.reason());
        assertEquals(kind, e.kind());
    }

    static final RecommendationRequested REQUESTED = new RecommendationRequested(ID, BOB, ALICE, "MANAGED_DIRECTLY",
            "Engineer at Acme", "Would you write me one?", T);
    static final RecommendationWritten WRITTEN = new RecommendationWritten(ID, ALICE, BOB, "WORKED_WITH", "Engineer at Acme", TEXT, 1, T);

    static Recommendation given(TrellisEvent... events) {
        return Recommendation.from(List.of(events));
    }

    // ---- writing

    @Test
    void a_connection_writes_a_recommendation_nobody_asked_for() {
        assertEquals(List.of(new RecommendationWritten(ID, ALICE, BOB, "WORKED_WITH", "Engineer at Acme", TEXT, 1, T)),
                Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft(" Worked-With ", " Engineer at Acme ", "  " + TEXT + "  "),
                        true, false, T));
    }

    @Test
    void only_1st_degree_connections_may_write() {
        refused("not-possible", DomainException.Kind.FORBIDDEN,
                () -> Recommendation.write(ID, ALICE, BOB, DRAFT, false, false, T));
    }

    @Test
    void nobody_recommends_themself() {
        refused("cannot-recommend-yourself", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, ALICE, DRAFT, true, false, T));
    }

    @Test
    void text_is_50_to_3000_characters_and_the_relationship_is_one_of_the_list() {
        refused("text-required", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft("WORKED_WITH", null, "   "), true, false, T));
        refused("text-too-short", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft("WORKED_WITH", null, "x".repeat(49)), true, false, T));
        refused("text-too-long", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft("WORKED_WITH", null, "x".repeat(3001)), true, false, T));
        refused("unknown-relationship", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft("drinking buddy", null, TEXT), true, false, T));
        refused("relationship-required", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft(null, null, TEXT), true, false, T));
        refused("position-too-long", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft("WORKED_WITH", "p".repeat(201), TEXT), true, false, T));
        assertEquals(1, Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft("WORKED_WITH", null, "x".repeat(50)), true, false, T).size());
        // the first API's values are still understood
        assertEquals("WORKED_WITH", ((RecommendationWritten) Recommendation.write(ID, ALICE, BOB,
                new Recommendation.Draft("colleague", null, TEXT), true, false, T).get(0)).relationship());
        assertEquals(1, Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft("WORKED_WITH", null, "x".repeat(3000)), true, false, T).size());
    }

    @Test
    void one_live_recommendation_per_author_and_recipient() {
        refused("recommendation-already-open", DomainException.Kind.CONFLICT,
                () -> Recommendation.write(ID, ALICE, BOB, DRAFT, true, true, T));
    }

    // ---- asking

    @Test
    void a_member_asks_a_connection_with_a_personal_message() {
        assertEquals(List.of(new RecommendationRequested(ID, BOB, ALICE, "MANAGED_DIRECTLY", null, "Would you?", T)),
                Recommendation.request(ID, BOB, ALICE, "managed directly", " ", " Would you? ", true, false, T));
        assertEquals(List.of(new RecommendationRequested(ID, BOB, ALICE, null, null, "Would you?", T)),
                Recommendation.request(ID, BOB, ALICE, null, null, "Would you?", true, false, T));
    }

    @Test
    void asking_rules() {
        refused("cannot-ask-yourself", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.request(ID, BOB, BOB, null, null, "m", true, false, T));
        refused("not-possible", DomainException.Kind.FORBIDDEN,
                () -> Recommendation.request(ID, BOB, ALICE, null, null, "m", false, false, T));
        refused("message-required", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.request(ID, BOB, ALICE, null, null, "  ", true, false, T));
        refused("message-too-long", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.request(ID, BOB, ALICE, null, null, "m".repeat(1001), true, false, T));
        refused("unknown-relationship", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.request(ID, BOB, ALICE, "neighbour", null, "m", true, false, T));
        refused("recommendation-already-open", DomainException.Kind.CONFLICT,
                () -> Recommendation.request(ID, BOB, ALICE, null, null, "m", true, true, T));
    }

    @Test
    void the_author_writes_the_requested_one_keeping_the_asked_relationship_unless_given() {
        assertEquals(List.of(new RecommendationWritten(ID, ALICE, BOB, "MANAGED_DIRECTLY", "Engineer at Acme", TEXT, 1, T)),
                given(REQUESTED).write(ALICE, new Recommendation.Draft(null, null, TEXT), true, T));
        assertEquals(List.of(new RecommendationWritten(ID, ALICE, BOB, "WORKED_WITH", "Lead", TEXT, 1, T)),
                given(REQUESTED).write(ALICE, new Recommendation.Draft("WORKED_WITH", "Lead", TEXT), true, T));
    }

    @Test
    void only_the_author_writes_and_only_while_connected() {
        refused("not-the-author", DomainException.Kind.FORBIDDEN, () -> given(REQUESTED).write(BOB, DRAFT, true, T));
        refused("not-possible", DomainException.Kind.FORBIDDEN, () -> given(REQUESTED).write(ALICE, DRAFT, false, T));
        refused("recommendation-not-writable", DomainException.Kind.CONFLICT, () -> given(WRITTEN).write(ALICE, DRAFT, true, T));
    }

    // ---- the recipient decides

    @Test
    void the_recipient_accepts_the_written_version() {
        assertEquals(List.of(new RecommendationAccepted(ID, ALICE, BOB, 1, T)), given(WRITTEN).accept(BOB, T));
    }

    @Test
    void only_the_recipient_decides() {
        refused("not-the-recipient", DomainException.Kind.FORBIDDEN, () -> given(WRITTEN).accept(ALICE, T));
        refused("not-the-recipient", DomainException.Kind.FORBIDDEN, () -> given(WRITTEN).reject(CAROL, T));
        refused("not-the-recipient", DomainException.Kind.FORBIDDEN, () -> given(WRITTEN).requestRevision(ALICE, null, T));
        Recommendation accepted = given(WRITTEN, new RecommendationAccepted(ID, ALICE, BOB, 1, T));
        refused("not-the-recipient", DomainException.Kind.FORBIDDEN, () -> accepted.hide(ALICE, T));
    }

    @Test
    void nothing_to_accept_before_it_is_written_or_after_a_decision() {
        refused("recommendation-not-pending", DomainException.Kind.CONFLICT, () -> given(REQUESTED).accept(BOB, T));
        refused("recommendation-not-pending", DomainException.Kind.CONFLICT,
                () -> given(WRITTEN, new RecommendationRejected(ID, ALICE, BOB, T)).accept(BOB, T));
        refused("recommendation-not-pending", DomainException.Kind.CONFLICT,
                () -> given(WRITTEN, new RecommendationAccepted(ID, ALICE, BOB, 1, T)).reject(BOB, T));
        refused("recommendation-not-pending", DomainException.Kind.CONFLICT,
                () -> given(WRITTEN, new RecommendationRevisionRequested(ID, ALICE, BOB, null, T)).accept(BOB, T));
    }

    @Test
    void the_recipient_rejects() {
        assertEquals(List.of(new RecommendationRejected(ID, ALICE, BOB, T)), given(WRITTEN).reject(BOB, T));
    }

    @Test
    void a_revision_brings_a_new_version_and_the_new_version_is_the_one_accepted() {
        List<TrellisEvent> history = new ArrayList<>(List.of(WRITTEN));
        history.addAll(given(WRITTEN).requestRevision(BOB, " Mention the payments work ", T));
        assertEquals(new RecommendationRevisionRequested(ID, ALICE, BOB, "Mention the payments work", T), history.get(1));
        List<TrellisEvent> v2 = Recommendation.from(history).write(ALICE, new Recommendation.Draft(null, null, TEXT + " Payments!"), true, T);
        assertEquals(List.of(new RecommendationWritten(ID, ALICE, BOB, "WORKED_WITH", "Engineer at Acme", TEXT + " Payments!", 2, T)), v2);
        history.addAll(v2);
        assertEquals(List.of(new RecommendationAccepted(ID, ALICE, BOB, 2, T)), Recommendation.from(history).accept(BOB, T));
    }

    @Test
    void hide_and_show_an_accepted_one() {
        RecommendationAccepted accepted = new RecommendationAccepted(ID, ALICE, BOB, 1, T);
        assertEquals(List.of(new RecommendationHidden(ID, ALICE, BOB, T)), given(WRITTEN, accepted).hide(BOB, T));
        refused("already-shown", DomainException.Kind.CONFLICT, () -> given(WRITTEN, accepted).show(BOB, T));
        RecommendationHidden hidden = new RecommendationHidden(ID, ALICE, BOB, T);
        refused("already-hidden", DomainException.Kind.CONFLICT, () -> given(WRITTEN, accepted, hidden).hide(BOB, T));
        assertEquals(List.of(new RecommendationShown(ID, ALICE, BOB, T)), given(WRITTEN, accepted, hidden).show(BOB, T));
        assertTrue(given(WRITTEN, accepted, hidden).hidden());
        refused("recommendation-not-accepted", DomainException.Kind.CONFLICT, () -> given(WRITTEN).hide(BOB, T));
    }

    // ---- withdrawal

    @Test
    void the_author_withdraws_in_any_open_state_which_also_declines_a_request() {
        assertEquals(List.of(new RecommendationWithdrawn(ID, ALICE, BOB, "AUTHOR", T)), given(REQUESTED).withdrawByAuthor(ALICE, T));
        assertEquals(List.of(new RecommendationWithdrawn(ID, ALICE, BOB, "AUTHOR", T)),
                given(WRITTEN, new RecommendationAccepted(ID, ALICE, BOB, 1, T)).withdrawByAuthor(ALICE, T));
        refused("not-the-author", DomainException.Kind.FORBIDDEN, () -> given(WRITTEN).withdrawByAuthor(BOB, T));
        refused("recommendation-closed", DomainException.Kind.CONFLICT,
                () -> given(WRITTEN, new RecommendationRejected(ID, ALICE, BOB, T)).withdrawByAuthor(ALICE, T));
    }

    @Test
    void a_removed_connection_withdraws_every_open_state_and_leaves_closed_ones() {
        RecommendationWithdrawn w = new RecommendationWithdrawn(ID, ALICE, BOB, "CONNECTION_REMOVED", T);
        assertEquals(List.of(w), given(REQUESTED).withdrawOnConnectionRemoved(T));
        assertEquals(List.of(w), given(WRITTEN).withdrawOnConnectionRemoved(T));
        assertEquals(List.of(w), given(WRITTEN, new RecommendationRevisionRequested(ID, ALICE, BOB, null, T)).withdrawOnConnectionRemoved(T));
        assertEquals(List.of(w), given(WRITTEN, new RecommendationAccepted(ID, ALICE, BOB, 1, T),
                new RecommendationHidden(ID, ALICE, BOB, T)).withdrawOnConnectionRemoved(T));
        assertEquals(List.of(), given(WRITTEN, new RecommendationRejected(ID, ALICE, BOB, T)).withdrawOnConnectionRemoved(T));
        assertEquals(List.of(), given(WRITTEN, w).withdrawOnConnectionRemoved(T));
        refused("recommendation-not-pending", DomainException.Kind.CONFLICT, () -> given(WRITTEN, w).accept(BOB, T));
    }

    @Test
    void a_closed_account_withdraws_every_open_or_accepted_state_and_leaves_closed_ones() {
        RecommendationWithdrawn w = new RecommendationWithdrawn(ID, ALICE, BOB, "ACCOUNT_CLOSED", T);
        assertEquals(List.of(w), given(REQUESTED).withdrawOnAccountClosed(T));
        assertEquals(List.of(w), given(WRITTEN, new RecommendationAccepted(ID, ALICE, BOB, 1, T)).withdrawOnAccountClosed(T));
        assertEquals(List.of(), given(WRITTEN, new RecommendationRejected(ID, ALICE, BOB, T)).withdrawOnAccountClosed(T));
        assertEquals(List.of(), given(WRITTEN, w).withdrawOnAccountClosed(T), "a second closure changes nothing");
    }
}
