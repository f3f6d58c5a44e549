package dev.trellis.notification.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.notification.application.Rebuild;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.ReadModelScan;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.trellis.notification.api.MessagingApiTest.conversations;
import static dev.trellis.notification.api.MessagingApiTest.send;
import static dev.trellis.notification.api.NotificationApiTest.awaitUntil;
import static dev.trellis.notification.api.NotificationApiTest.connectionMade;
import static dev.trellis.notification.api.NotificationApiTest.member;
import static dev.trellis.notification.api.NotificationApiTest.myNetwork;
import static dev.trellis.notification.api.NotificationApiTest.now;
import static dev.trellis.notification.api.NotificationApiTest.prompts;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member closes their account (AccountClosed on the profile topic): their notifications and prompts go, and so do
 * the others' notifications and prompts by or about them; the conversations stay for the others, who see a deleted
 * member and the closed member's messages as deleted (text erased); nobody can message them; no read-model table
 * keeps their name or texts; a second AccountClosed changes nothing; a rebuild from the topics and the journal
 * (AccountClosed replayed before the invitation and connection events it follows live) gives the same.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class AccountClosedApiTest {
    @Inject
    DataSource dataSource;
    @Inject
    Rebuild rebuild;

    static JsonPath conversation(UUID viewer, String id) {
        return given().header("Authorization", TestTokens.bearer(viewer)).get("/conversations/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** What the others see: the view the replay test compares, the conversation and its messages. */
    static Map<String, Object> seen(UUID olivia, UUID chris, String conversationId) {
        return Map.of("olivia", ReplayApiTest.view(olivia), "chris", ReplayApiTest.view(chris),
                "conversation", conversation(olivia, conversationId).prettify());
    }

    List<String> rowsNaming(UUID member) {
        return ReadModelScan.rowsContaining(dataSource, member.toString()).stream()
                .filter(r -> !r.startsWith("processed_event") && !r.startsWith("closed_member")
                        && !r.startsWith("conversation") && !r.startsWith("message:"))
                .toList();
    }

    @Test
    void closing_an_account_erases_the_member_and_shows_them_as_deleted_in_conversations() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String last = "Quokka" + tag, theirs = "Zara writes " + tag, toThem = "Hi Zara " + tag, note = "From Zara " + tag;
        UUID zara = member("Zara", last);
        UUID olivia = member("Olivia", "Other");
        UUID chris = member("Chris", "Other");
        UUID accepted = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(accepted, olivia, zara, toThem, null, null, null, now(), null));
        KafkaProbe.publish(new InvitationAccepted(accepted, olivia, zara, now(), false));
        connectionMade(zara, olivia);
        awaitUntil(() -> prompts(olivia).getList("items.otherMemberId").contains(zara.toString()));
        String conversationId = send(zara, olivia, theirs).then().statusCode(201).extract().path("conversationId");
        send(olivia, zara, "Olivia answers " + tag).then().statusCode(201);
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), zara, chris, note, null, null, null, now(), null));
        awaitUntil(() -> myNetwork(chris) == 1);
        assertFalse(ReadModelScan.rowsContaining(dataSource, last, theirs, note).isEmpty(), "found before");

        KafkaProbe.publish(new AccountClosed(zara, Instant.now()));

        awaitUntil(() -> myNetwork(chris) == 0);
        given().header("Authorization", TestTokens.bearer(olivia)).get("/notifications?size=100").then().statusCode(200)
                .body("items.actor.memberId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(zara.toString())));
        JsonPath list = conversations(olivia);
        assertEquals(conversationId, list.getString("items[0].conversationId"));
        assertEquals("Deleted member", list.getString("items[0].other.name"));
        assertTrue(list.getBoolean("items[0].other.deleted"));
        assertFalse(list.getBoolean("items[0].open"));
        JsonPath read = conversation(olivia, conversationId);
        assertEquals("Deleted member", read.getString("conversation.other.name"));
        assertEquals("Olivia answers " + tag, read.getString("items[0].text"));
        assertFalse(read.getBoolean("items[0].deleted"));
        assertNull(read.getString("items[1].text"));
        assertTrue(read.getBoolean("items[1].deleted"));
        assertEquals(zara.toString(), read.getString("items[1].senderId"));
        send(olivia, zara, "Still there?").then().statusCode(404).body("reason", org.hamcrest.Matchers.equalTo("member-not-found"));
        List<String> needles = List.of(last, theirs, toThem, note);
        assertEquals(List.of(), ReadModelScan.rowsContaining(dataSource, needles.toArray(new String[0])));
        assertEquals(List.of(), rowsNaming(zara), "only conversations, messages, the inbox and the closed mark name them");

        // a second AccountClosed changes nothing
        Map<String, Object> before = seen(olivia, chris, conversationId);
        UUID again = KafkaProbe.publish(new AccountClosed(zara, Instant.now()));
        awaitUntil(() -> ReadModelScan.processed(dataSource, again));
        assertEquals(before, seen(olivia, chris, conversationId));

        // replay equals live: the profile topic (with AccountClosed) is read before the invitation and connection
        // topics, so the events that came before the closure live come after it here
        rebuild.truncate();
        ReplayApiTest.replayTopics();
        rebuild.replayJournal();
        assertEquals(before, seen(olivia, chris, conversationId));
        assertEquals(List.of(), ReadModelScan.rowsContaining(dataSource, needles.toArray(new String[0])));
        assertEquals(List.of(), rowsNaming(zara));
    }
}
