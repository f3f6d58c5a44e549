package dev.trellis.recommendation.domain;

import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecommendationTest {
    static final UUID ID = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    static void refused(String reason, DomainException.Kind kind, Executable when) {
        DomainException e = assertThrows(DomainException.class, when);
        assertEquals(reason, e.reason());
        assertEquals(kind, e.kind());
    }

    @Test
    void a_connection_writes_a_recommendation() {
        assertEquals(List.of(new RecommendationWritten(ID, ALICE, BOB, "colleague", null, "Bob ships.", 1, T)),
                Recommendation.write(ID, ALICE, BOB, " Colleague ", "  Bob ships.  ", true, T));
    }

    @Test
    void only_1st_degree_connections_may_recommend() {
        refused("not-a-connection", DomainException.Kind.FORBIDDEN,
                () -> Recommendation.write(ID, ALICE, BOB, "colleague", "text", false, T));
    }

    @Test
    void nobody_recommends_themself() {
        refused("cannot-recommend-yourself", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, ALICE, "colleague", "text", true, T));
    }

    @Test
    void text_and_relationship_are_checked() {
        refused("text-required", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, BOB, "colleague", "   ", true, T));
        refused("text-too-long", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, BOB, "colleague", "x".repeat(3001), true, T));
        refused("unknown-relationship", DomainException.Kind.RULE_VIOLATION,
                () -> Recommendation.write(ID, ALICE, BOB, "drinking buddy", "text", true, T));
    }
}
