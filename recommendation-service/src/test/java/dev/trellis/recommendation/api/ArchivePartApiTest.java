package dev.trellis.recommendation.api;

import dev.trellis.testing.ArchiveParts;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import static dev.trellis.testing.ArchiveParts.part;
import static dev.trellis.testing.ArchiveParts.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * GET /members/me/archive-part: the caller's own data only. The rows are written directly in the read-model tables
 * (what the part reads), with fresh member ids, and removed again after the test.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class ArchivePartApiTest {
    @Inject
    DataSource dataSource;

    void sql(String sql, Object... params) throws SQLException {
        ArchiveParts.sql(dataSource, sql, params);
    }

    @Test
    void without_a_token_401() {
        ArchiveParts.requiresToken();
    }

    /** A wrote one for B (B hid it), C wrote one for A; B endorsed A; C endorsed B (not A's). */
    @Test
    void given_and_received_recommendations_and_endorsements_of_the_caller_only() throws SQLException {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        UUID ab = UUID.randomUUID(), ca = UUID.randomUUID(), e1 = UUID.randomUUID(), e2 = UUID.randomUUID();
        String rec = "INSERT INTO recommendation (recommendation_id, author_id, recipient_id, relationship, text,"
                + " written_at, status, hidden, updated_at) VALUES (?, ?, ?, 'WORKED_WITH', ?, now(), 'ACCEPTED', ?, now())";
        String end = "INSERT INTO endorsement (endorsement_id, endorser_id, member_id, skill, skill_key, status,"
                + " endorsed_at, updated_at) VALUES (?, ?, ?, ?, lower(?), 'ACTIVE', now(), now())";
        try {
            sql(rec, ab, a, b, "A on B", true);
            sql(rec, ca, c, a, "C on A", false);
            sql("INSERT INTO recommendation_version (recommendation_id, version, relationship, text, written_at)"
                    + " VALUES (?, 1, 'WORKED_WITH', 'C on A', now())", ca);
            sql(end, e1, b, a, "Java", "Java");
            sql(end, e2, c, b, "Go", "Go");
            JsonPath ofA = part(a);
            assertEquals("recommendation", ofA.getString("service"));
            assertEquals(List.of(ab.toString()), ofA.getList("recommendationsGiven.recommendationId"));
            assertNull(ofA.get("recommendationsGiven[0].hidden"), "the recipient's hide flag is not the author's");
            assertEquals(List.of(ca.toString()), ofA.getList("recommendationsReceived.recommendationId"));
            assertEquals("C on A", ofA.getString("recommendationsReceived[0].versions[0].text"));
            assertEquals(List.of(), ofA.getList("endorsementsGiven"));
            assertEquals(List.of(e1.toString()), ofA.getList("endorsementsReceived.endorsementId"));
            assertFalse(raw(a).contains(e2.toString()), "C's endorsement of B");
            JsonPath ofB = part(b);
            assertEquals(true, ofB.getBoolean("recommendationsReceived[0].hidden"));
            assertEquals(List.of(e1.toString()), ofB.getList("endorsementsGiven.endorsementId"));
            assertEquals(List.of(e2.toString()), ofB.getList("endorsementsReceived.endorsementId"));
        } finally {
            sql("DELETE FROM recommendation_version WHERE recommendation_id = ?", ca);
            sql("DELETE FROM recommendation WHERE recommendation_id = ANY(?)", (Object) new UUID[]{ab, ca});
            sql("DELETE FROM endorsement WHERE endorsement_id = ANY(?)", (Object) new UUID[]{e1, e2});
        }
    }
}
