package dev.trellis.recommendation.domain;

import dev.trellis.events.recommendation.EndorsementHidden;
import dev.trellis.events.recommendation.EndorsementWithdrawn;
import dev.trellis.events.recommendation.SkillEndorsed;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.trellis.recommendation.domain.RecommendationTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EndorsementTest {
    static final UUID ID = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final SkillEndorsed ENDORSED = new SkillEndorsed(ID, ALICE, BOB, "Java", T);

    static Endorsement.Facts facts(boolean connected, String listed, boolean already) {
        return new Endorsement.Facts(connected, listed, already);
    }

    @Test
    void a_connection_endorses_a_listed_skill_under_its_listed_name() {
        assertEquals(List.of(ENDORSED), Endorsement.endorse(ID, ALICE, BOB, " java ", facts(true, "Java", false), T));
    }

    @Test
    void endorsing_rules() {
        refused("cannot-endorse-yourself", DomainException.Kind.RULE_VIOLATION,
                () -> Endorsement.endorse(ID, BOB, BOB, "Java", facts(true, "Java", false), T));
        refused("validation-failed", DomainException.Kind.INVALID,
                () -> Endorsement.endorse(ID, ALICE, BOB, " ", facts(true, null, false), T));
        refused("not-possible", DomainException.Kind.FORBIDDEN,
                () -> Endorsement.endorse(ID, ALICE, BOB, "Java", facts(false, "Java", false), T));
        refused("skill-not-listed", DomainException.Kind.RULE_VIOLATION,
                () -> Endorsement.endorse(ID, ALICE, BOB, "Cobol", facts(true, null, false), T));
        refused("already-endorsed", DomainException.Kind.CONFLICT,
                () -> Endorsement.endorse(ID, ALICE, BOB, "Java", facts(true, "Java", true), T));
    }

    @Test
    void the_member_hides_only_their_own_endorsements_once() {
        Endorsement e = Endorsement.from(List.of(ENDORSED));
        assertEquals(List.of(new EndorsementHidden(ID, ALICE, BOB, "Java", T)), e.hide(BOB, T));
        refused("not-the-member", DomainException.Kind.FORBIDDEN, () -> e.hide(ALICE, T));
        Endorsement hidden = Endorsement.from(List.of(ENDORSED, new EndorsementHidden(ID, ALICE, BOB, "Java", T)));
        refused("endorsement-not-active", DomainException.Kind.CONFLICT, () -> hidden.hide(BOB, T));
    }

    @Test
    void withdrawals() {
        Endorsement e = Endorsement.from(List.of(ENDORSED));
        assertEquals(List.of(new EndorsementWithdrawn(ID, ALICE, BOB, "Java", "ENDORSER", T)), e.withdrawByEndorser(ALICE, T));
        refused("not-the-endorser", DomainException.Kind.FORBIDDEN, () -> e.withdrawByEndorser(BOB, T));
        Endorsement hidden = Endorsement.from(List.of(ENDORSED, new EndorsementHidden(ID, ALICE, BOB, "Java", T)));
        assertEquals(List.of(new EndorsementWithdrawn(ID, ALICE, BOB, "Java", "CONNECTION_REMOVED", T)),
                hidden.withdraw("CONNECTION_REMOVED", T));
        Endorsement gone = Endorsement.from(List.of(ENDORSED, new EndorsementWithdrawn(ID, ALICE, BOB, "Java", "SKILL_REMOVED", T)));
        assertEquals(List.of(), gone.withdraw("CONNECTION_REMOVED", T));
        refused("endorsement-not-active", DomainException.Kind.CONFLICT, () -> gone.withdrawByEndorser(ALICE, T));
    }

    @Test
    void a_closed_account_withdraws_a_live_endorsement_once() {
        Endorsement e = Endorsement.from(List.of(ENDORSED));
        EndorsementWithdrawn w = new EndorsementWithdrawn(ID, ALICE, BOB, "Java", "ACCOUNT_CLOSED", T);
        assertEquals(List.of(w), e.withdraw(Endorsement.ACCOUNT_CLOSED, T));
        assertEquals(List.of(), Endorsement.from(List.of(ENDORSED, w)).withdraw(Endorsement.ACCOUNT_CLOSED, T));
    }
}
