package dev.trellis.notification.api;

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
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
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

    /** A and B talk; B and C talk (not A's); A has a notification and a prompt, B a notification. */
    @Test
    void notifications_prompts_and_the_conversations_of_the_caller_only() throws SQLException {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        UUID ab = UUID.randomUUID(), bc = UUID.randomUUID(), n1 = UUID.randomUUID(), n2 = UUID.randomUUID();
        UUID p1 = UUID.randomUUID();
        try {
            for (UUID[] conv : new UUID[][]{{ab, a, b}, {bc, b, c}}) {
                sql("INSERT INTO conversation (conversation_id, member_a, member_b, created_at, last_message_at,"
                        + " version) VALUES (?, ?, ?, now(), now(), 1)", conv[0], conv[1], conv[2]);
                sql("INSERT INTO conversation_member (conversation_id, member_id, other_member, last_message_at)"
                        + " VALUES (?, ?, ?, now()), (?, ?, ?, now())", conv[0], conv[1], conv[2], conv[0], conv[2], conv[1]);
            }
            String msg = "INSERT INTO message (message_id, conversation_id, sender, recipient, text, sent_at)"
                    + " VALUES (?, ?, ?, ?, ?, now())";
            sql(msg, UUID.randomUUID(), ab, a, b, "hello B");
            sql(msg, UUID.randomUUID(), ab, b, a, "hello A");
            sql(msg, UUID.randomUUID(), bc, b, c, "B to C only");
            String note = "INSERT INTO notification (notification_id, recipient, kind, category, actor, created_at)"
                    + " VALUES (?, ?, 'CONNECTION_MADE', 'MY_NETWORK', ?, now())";
            sql(note, n1, a, b);
            sql(note, n2, b, c);
            sql("INSERT INTO prompt (prompt_id, member_id, kind, other_member, created_at, expires_at)"
                    + " VALUES (?, ?, 'WELCOME_MESSAGE', ?, now(), now() + interval '7 days')", p1, a, b);
            JsonPath ofA = part(a);
            assertEquals("notification", ofA.getString("service"));
            assertEquals(List.of(n1.toString()), ofA.getList("notifications.notificationId"));
            assertEquals(List.of(p1.toString()), ofA.getList("prompts.promptId"));
            assertEquals(List.of(ab.toString()), ofA.getList("conversations.conversationId"));
            assertEquals(List.of("hello B", "hello A"), ofA.getList("messages.text"));
            String r = raw(a);
            assertFalse(r.contains("B to C only") || r.contains(n2.toString()) || r.contains(bc.toString()), r);
            JsonPath ofB = part(b);
            assertEquals(2, ofB.getList("conversations").size());
            assertEquals(3, ofB.getList("messages").size());
            assertEquals(List.of(), ofB.getList("prompts"));
        } finally {
            sql("DELETE FROM message WHERE conversation_id = ANY(?)", (Object) new UUID[]{ab, bc});
            sql("DELETE FROM conversation_member WHERE conversation_id = ANY(?)", (Object) new UUID[]{ab, bc});
            sql("DELETE FROM conversation WHERE conversation_id = ANY(?)", (Object) new UUID[]{ab, bc});
            sql("DELETE FROM notification WHERE notification_id = ANY(?)", (Object) new UUID[]{n1, n2});
            sql("DELETE FROM prompt WHERE prompt_id = ?", p1);
        }
    }
}
