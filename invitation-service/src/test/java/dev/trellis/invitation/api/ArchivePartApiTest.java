package dev.trellis.invitation.api;

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
        initArgs = @ResourceArg(name = "database", value = "trellis_invitation_test"))
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

    /**
     * A sent one to B that B ignored (A sees it pending, without an answer time), D sent one to A (pending), C's
     * to A was withdrawn (gone from A's view), B sent one to C (not A's).
     */
    @Test
    void sent_and_received_invitations_with_notes_as_the_caller_sees_them() throws SQLException {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID(), d = UUID.randomUUID();
        UUID ab = UUID.randomUUID(), da = UUID.randomUUID(), ca = UUID.randomUUID(), bc = UUID.randomUUID();
        String insert = "INSERT INTO invitation (invitation_id, from_member, to_member, note, status, sent_at,"
                + " answered_at, version) VALUES (?, ?, ?, ?, ?, now() - interval '1 day' * ?, ?, 1)";
        try {
            sql(insert, ab, a, b, "Hi B, \"let's\" connect", "IGNORED", 1, java.sql.Timestamp.from(java.time.Instant.now()));
            sql(insert, da, d, a, "from D", "PENDING", 2, null);
            sql(insert, ca, c, a, "withdrawn note", "WITHDRAWN", 3, java.sql.Timestamp.from(java.time.Instant.now()));
            sql(insert, bc, b, c, "B to C", "PENDING", 4, null);
            JsonPath ofA = part(a);
            assertEquals("invitation", ofA.getString("service"));
            assertEquals(List.of(ab.toString()), ofA.getList("invitationsSent.invitationId"));
            assertEquals("PENDING", ofA.getString("invitationsSent[0].status"), "an ignored one looks pending");
            assertNull(ofA.get("invitationsSent[0].answeredAt"));
            assertEquals("Hi B, \"let's\" connect", ofA.getString("invitationsSent[0].note"));
            assertEquals(List.of(da.toString()), ofA.getList("invitationsReceived.invitationId"));
            assertEquals("from D", ofA.getString("invitationsReceived[0].note"));
            String r = raw(a);
            assertFalse(r.contains("withdrawn note") || r.contains("B to C") || r.contains("IGNORED"), r);
            JsonPath ofB = part(b);
            assertEquals(List.of(bc.toString()), ofB.getList("invitationsSent.invitationId"));
            assertEquals(List.of(ab.toString()), ofB.getList("invitationsReceived.invitationId"));
            assertEquals("IGNORED", ofB.getString("invitationsReceived[0].status"), "B's own answer");
        } finally {
            sql("DELETE FROM invitation WHERE invitation_id = ANY(?)", (Object) new UUID[]{ab, da, ca, bc});
        }
    }
}
