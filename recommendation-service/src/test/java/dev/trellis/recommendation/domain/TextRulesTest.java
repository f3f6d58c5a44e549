package dev.trellis.recommendation.domain;

import dev.trellis.events.recommendation.IntroductionRequested;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.trellis.recommendation.domain.RecommendationTest.ALICE;
import static dev.trellis.recommendation.domain.RecommendationTest.BOB;
import static dev.trellis.recommendation.domain.RecommendationTest.ID;
import static dev.trellis.recommendation.domain.RecommendationTest.T;
import static dev.trellis.recommendation.domain.RecommendationTest.TEXT;
import static dev.trellis.recommendation.domain.RecommendationTest.WRITTEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A text holding a NUL character (which PostgreSQL cannot store) is refused by every rule, naming the field. */
class TextRulesTest {
    static final String NUL = "\0";

    static void invalid(String field, org.junit.jupiter.api.function.Executable when) {
        DomainException e = assertThrows(DomainException.class, when);
        assertEquals(DomainException.Kind.INVALID, e.kind());
        assertEquals(field, e.field());
    }

    @Test
    void every_free_text_refuses_a_nul_character() {
        invalid("text", () -> Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft("WORKED_WITH", null, TEXT + NUL), true, false, T));
        invalid("position", () -> Recommendation.write(ID, ALICE, BOB, new Recommendation.Draft("WORKED_WITH", "CTO" + NUL, TEXT), true, false, T));
        invalid("message", () -> Recommendation.request(ID, BOB, ALICE, null, null, "Would you" + NUL, true, false, T));
        invalid("message", () -> Recommendation.from(List.of(WRITTEN)).requestRevision(BOB, "More" + NUL, T));
        invalid("templateValues", () -> RequestTemplates.render("skill", Map.of("firstName", "Ann", "myName", "Bob", "skill", "SQL" + NUL)));
        invalid("skill", () -> Endorsement.endorse(ID, ALICE, BOB, "Go" + NUL, new Endorsement.Facts(true, "Go", false), T));
        UUID tom = UUID.randomUUID();
        invalid("note", () -> Introduction.request(ID, ALICE, BOB, tom, "Hi" + NUL, new Introduction.Facts(true, true, false), false, T));
        // without it, the same commands pass
        assertEquals(List.of(new IntroductionRequested(ID, ALICE, BOB, tom, "Hi", T)),
                Introduction.request(ID, ALICE, BOB, tom, "Hi", new Introduction.Facts(true, true, false), false, T));
    }
}
