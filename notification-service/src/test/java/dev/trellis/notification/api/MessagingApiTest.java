package dev.trellis.notification.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.notification.MessageSent;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.trellis.notification.api.NotificationApiTest.badges;
import static dev.trellis.notification.api.NotificationApiTest.member;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages between connections, over HTTP, with connections and blocks fed through the real broker. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class MessagingApiTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    MessagingService messaging;

    static UUID[] ordered(UUID x, UUID y) {
        return x.compareTo(y) <= 0 ? new UUID[]{x, y} : new UUID[]{y, x};
    }

    void connect(UUID x, UUID y, Instant at) {
        UUID[] p = ordered(x, y);
        KafkaProbe.publish(new ConnectionMade(p[0], p[1], UUID.randomUUID(), at));
        await().atMost(WAIT).until(() -> messaging.facts(x, y).connected());
    }

    static Response send(UUID from, UUID to, String text) {
        return send(from, Map.of("to", to.toString(), "text", text));
    }

    static Response send(UUID from, Map<String, Object> body) {
        return given().header("Authorization", TestTokens.bearer(from)).contentType(ContentType.JSON).body(body)
                .post("/messages");
    }

    static JsonPath conversations(UUID member) {
        return given().header("Authorization", TestTokens.bearer(member)).get("/conversations")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void connections_exchange_messages_and_unread_conversations_count_on_the_messages_badge() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        connect(olivia, chris, Instant.now());

        JsonPath m1 = send(chris, olivia, "Hi Olivia!").then().statusCode(201).extract().jsonPath();
        send(chris, olivia, "Are you coming to the meetup?").then().statusCode(201);
        String conversation = m1.getString("conversationId");
        assertEquals(chris.toString(), m1.getString("senderId"));

        assertEquals(1, badges(olivia).getLong("messages"));
        assertEquals(0, badges(chris).getLong("messages"));
        JsonPath list = conversations(olivia);
        assertEquals(1, list.getInt("total"));
        assertEquals(conversation, list.getString("items[0].conversationId"));
        assertEquals(2, list.getInt("items[0].unread"));
        assertEquals("Chris Cooper", list.getString("items[0].other.name"));
        assertEquals("Are you coming to the meetup?", list.getString("items[0].lastMessage.text"));
        assertTrue(list.getBoolean("items[0].open"));
        assertEquals(0, conversations(chris).getInt("items[0].unread"));

        // read, newest first, paged
        given().header("Authorization", TestTokens.bearer(olivia)).get("/conversations/" + conversation + "?size=1")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items", hasSize(1))
                .body("items[0].text", equalTo("Are you coming to the meetup?"))
                .body("conversation.other.memberId", equalTo(chris.toString()));
        given().header("Authorization", TestTokens.bearer(olivia)).get("/conversations/" + conversation + "?page=1&size=1")
                .then().statusCode(200).body("items[0].text", equalTo("Hi Olivia!"));

        given().header("Authorization", TestTokens.bearer(olivia)).post("/conversations/" + conversation + "/read")
                .then().statusCode(200).body("messages", equalTo(0));
        assertEquals(0, conversations(olivia).getInt("items[0].unread"));

        // her answer goes into the same conversation
        assertEquals(conversation, send(olivia, chris, "Yes, see you there").then().statusCode(201)
                .extract().jsonPath().getString("conversationId"));
        assertEquals(1, badges(chris).getLong("messages"));

        // a stranger cannot read it
        given().header("Authorization", TestTokens.bearer(UUID.randomUUID())).get("/conversations/" + conversation)
                .then().statusCode(404);
    }

    @Test
    void a_message_is_published_without_its_text() {
        UUID a = member("Ann", "Lee");
        UUID b = member("Ben", "Ng");
        connect(a, b, Instant.now());
        String id = send(a, b, "a private secret").then().statusCode(201).extract().jsonPath().getString("messageId");
        await().atMost(WAIT).until(() -> !KafkaProbe.find(Topics.NOTIFICATION, "trellis.notification.MessageSent.v1",
                r -> r.value().contains(id)).isEmpty());
        var record = KafkaProbe.find(Topics.NOTIFICATION, "trellis.notification.MessageSent.v1",
                r -> r.value().contains(id)).get(0);
        assertFalse(record.value().contains("private secret"));
        MessageSent sent = KafkaProbe.payload(record, MessageSent.class);
        assertEquals(a, sent.senderId());
        assertEquals(b, sent.recipientId());
    }

    @Test
    void only_connections_may_message_and_a_block_closes_it_either_way() {
        UUID a = member("Ann", "Lee");
        UUID b = member("Ben", "Ng");
        UUID stranger = member("Sam", "Stone");
        String neutral = send(a, stranger, "Hello").then().statusCode(403).contentType("application/problem+json")
                .body("reason", equalTo("not-possible")).extract().asString();
        send(a, a, "Hello me").then().statusCode(403).body("reason", equalTo("not-possible"));

        connect(a, b, Instant.now());
        send(a, b, "Hello").then().statusCode(201);
        KafkaProbe.publish(new MemberBlocked(b, a, Instant.now()));
        await().atMost(WAIT).until(() -> messaging.facts(a, b).blocked());
        // the blocked member gets the very answer a stranger gets (but for the correlation id and the path)
        String blocked = send(a, b, "Hello?").then().statusCode(403).body("reason", equalTo("not-possible"))
                .extract().asString();
        assertEquals(withoutCorrelation(neutral), withoutCorrelation(blocked));
        send(b, a, "Go away").then().statusCode(403).body("reason", equalTo("not-possible"));
        assertEquals("not-possible", conversations(a).getString("items[0].closedReason"));
        assertEquals("not-possible", conversations(b).getString("items[0].closedReason"));
        assertFalse(conversations(a).getBoolean("items[0].open"));
        KafkaProbe.publish(new MemberUnblocked(b, a, Instant.now()));
        await().atMost(WAIT).until(() -> !messaging.facts(a, b).blocked());
        send(a, b, "Sorry").then().statusCode(201);
    }

    @Test
    void a_removed_connection_keeps_the_history_readable_but_closed() {
        UUID a = member("Ann", "Lee");
        UUID b = member("Ben", "Ng");
        connect(a, b, Instant.now().minusSeconds(60));
        String conversation = send(a, b, "Hello").then().statusCode(201).extract().jsonPath().getString("conversationId");
        UUID[] p = ordered(a, b);
        KafkaProbe.publish(new ConnectionRemoved(p[0], p[1], b, Instant.now()));
        await().atMost(WAIT).until(() -> messaging.facts(a, b).removed());

        send(a, b, "Still there?").then().statusCode(403).body("reason", equalTo("not-possible"))
                .body("detail", equalTo("this is not possible with this member"));
        given().header("Authorization", TestTokens.bearer(b)).get("/conversations/" + conversation)
                .then().statusCode(200).body("items[0].text", equalTo("Hello"))
                .body("conversation.open", equalTo(false))
                .body("conversation.closedReason", equalTo("not-possible"));
        // connected again: open again
        connect(a, b, Instant.now().plusSeconds(1));
        send(a, b, "Welcome back").then().statusCode(201);
    }

    @Test
    void texts_are_validated_and_a_retry_sends_once() {
        UUID a = member("Ann", "Lee");
        UUID b = member("Ben", "Ng");
        connect(a, b, Instant.now());
        send(a, b, "   ").then().statusCode(400).body("errors[0].field", equalTo("text"));
        send(a, b, "x".repeat(8001)).then().statusCode(400).body("errors[0].field", equalTo("text"));
        send(a, b, "x".repeat(8000)).then().statusCode(201);
        send(a, Map.of("text", "no recipient")).then().statusCode(400).body("errors[0].field", equalTo("to"));

        Map<String, Object> body = Map.of("to", b.toString(), "text", "Once only", "clientMessageId", "k-1");
        String first = send(a, body).then().statusCode(201).extract().jsonPath().getString("messageId");
        String again = send(a, body).then().statusCode(200).extract().jsonPath().getString("messageId");
        assertEquals(first, again);
        send(a, Map.of("to", b.toString(), "text", "Something else", "clientMessageId", "k-1"))
                .then().statusCode(409);
        JsonPath list = conversations(b);
        assertEquals(2, list.getInt("items[0].unread"));
    }

    /** The problem body without what differs between any two requests (correlation id, instance path). */
    static String withoutCorrelation(String problem) {
        return problem.replaceAll("\"correlationId\":\"[^\"]*\"", "").replaceAll("\"instance\":\"[^\"]*\"", "");
    }

    @Test
    void an_accepted_invitation_alone_does_not_let_the_two_message_not_even_after_an_unblock() {
        // given an acceptance whose connection connection-service refused (a block landed first): no ConnectionMade
        UUID a = member("Ann", "Lee");
        UUID b = member("Ben", "Ng");
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new MemberBlocked(b, a, Instant.now()));
        await().atMost(WAIT).until(() -> messaging.facts(a, b).blocked());
        KafkaProbe.publish(new dev.trellis.events.invitation.InvitationSent(inv, a, b, null, null, null, null,
                Instant.now(), null));
        KafkaProbe.publish(new dev.trellis.events.invitation.InvitationAccepted(inv, a, b, Instant.now(), false));
        await().atMost(WAIT).until(() -> NotificationApiTest.myNetwork(a) == 1); // the acceptance was applied
        // then they cannot message
        assertFalse(messaging.facts(a, b).connected());
        send(a, b, "Hi").then().statusCode(403).body("reason", equalTo("not-possible"));
        // and after the unblock they still cannot: they never connected
        KafkaProbe.publish(new MemberUnblocked(b, a, Instant.now()));
        await().atMost(WAIT).until(() -> !messaging.facts(a, b).blocked());
        assertFalse(messaging.facts(a, b).connected());
        send(a, b, "Hi again").then().statusCode(403).body("reason", equalTo("not-possible"));
        send(b, a, "Hi").then().statusCode(403).body("reason", equalTo("not-possible"));
        assertEquals(0, NotificationApiTest.prompts(a).getInt("total"));
        assertEquals(0, NotificationApiTest.prompts(b).getInt("total"));
        // once connection-service makes the connection, they can
        connect(a, b, Instant.now());
        send(a, b, "Hi").then().statusCode(201);
    }

    @Test
    void a_message_to_an_unknown_member_is_404_member_not_found() {
        UUID a = member("Ann", "Lee");
        send(a, UUID.randomUUID(), "Hello?").then().statusCode(404).contentType("application/problem+json")
                .body("reason", equalTo("member-not-found"));
        given().header("Authorization", TestTokens.bearer(a))
                .get("/messages/templates/welcome/render?to=" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("reason", equalTo("member-not-found"));
    }
}
