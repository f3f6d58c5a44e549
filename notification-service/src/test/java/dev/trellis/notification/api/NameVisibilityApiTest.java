package dev.trellis.notification.api;

import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.trellis.notification.api.NotificationApiTest.awaitUntil;
import static dev.trellis.notification.api.NotificationApiTest.connectionMade;
import static dev.trellis.notification.api.NotificationApiTest.member;
import static dev.trellis.notification.api.NotificationApiTest.notifications;
import static dev.trellis.notification.api.NotificationApiTest.now;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Names follow the named member's profileVisibility (platform NameVisibility): a NAME_INITIAL member is shown to
 * anyone who is not their connection as first name and last initial, without headline or company, in notification
 * texts, conversations and template renders.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class NameVisibilityApiTest {
    @Inject
    MessagingService messaging;

    static void nameInitial(UUID member) {
        KafkaProbe.publish(new PrivacySettingsChanged(member, "EVERYONE", "NAME_INITIAL", true, Instant.now()));
        awaitUntil(() -> QuarkusTransaction.requiringNew().call(() ->
                "NAME_INITIAL".equals(MemberEntity.<MemberEntity>findById(member).profileVisibility)));
    }

    static JsonPath render(UUID me, String template, UUID to) {
        return given().header("Authorization", TestTokens.bearer(me))
                .get("/messages/templates/" + template + "/render?to=" + to).then().extract().jsonPath();
    }

    @Test
    void a_name_initial_member_is_olivia_t_to_non_connections_and_olivia_taylor_to_connections() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        KafkaProbe.publish(new ProfileUpdated(olivia, "Olivia", "Taylor", "Data lead at Acme", "Berlin", "DE", "Software",
                null, List.of(new ProfileUpdated.Position("Acme", "Lead", 2020, null)), List.of(), List.of(),
                List.of("positions"), Instant.now()));
        awaitUntil(() -> QuarkusTransaction.requiringNew().call(() ->
                "Acme".equals(MemberEntity.<MemberEntity>findById(olivia).company)));
        nameInitial(olivia);

        // a stranger's view: the invitation's text and actor, a template
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), olivia, chris, null, null, null, null, now(), null));
        awaitUntil(() -> notifications(chris).getInt("total") == 1);
        JsonPath n = notifications(chris);
        assertEquals("Olivia T. wants to connect", n.getString("items[0].text"));
        assertEquals("Olivia T.", n.getString("items[0].actor.name"));
        assertNull(n.get("items[0].actor.headline"));
        given().header("Authorization", TestTokens.bearer(chris)).get("/messages/templates/follow-up-company/render?to=" + olivia)
                .then().statusCode(400).body("errors[0].message", containsString("company"));
        // she herself sees her full name
        given().header("Authorization", TestTokens.bearer(olivia)).get("/messages/templates/welcome/render?to=" + olivia)
                .then().statusCode(200).body("text", containsString("Olivia! "));

        // connected: her name, headline and company
        connectionMade(olivia, chris);
        n = notifications(chris);
        assertEquals("Olivia Taylor wants to connect", n.getString("items[0].text"));
        assertEquals("Data lead at Acme", n.getString("items[0].actor.headline"));
        assertEquals("Great to be connected, Olivia. I'm curious about your work at Acme - would you be open to a short chat? - Chris",
                render(chris, "follow-up-company", olivia).getString("text"));
        String conversation = given().header("Authorization", TestTokens.bearer(chris)).contentType(ContentType.JSON)
                .body(Map.of("to", olivia.toString(), "text", "Hi Olivia")).post("/messages")
                .then().statusCode(201).extract().jsonPath().getString("conversationId");
        given().header("Authorization", TestTokens.bearer(chris)).get("/conversations")
                .then().statusCode(200).body("items[0].other.name", equalTo("Olivia Taylor"));

        // the connection removed: out of network again
        UUID[] p = MessagingApiTest.ordered(olivia, chris);
        KafkaProbe.publish(new ConnectionRemoved(p[0], p[1], olivia, Instant.now()));
        awaitUntil(() -> messaging.facts(olivia, chris).removed());
        given().header("Authorization", TestTokens.bearer(chris)).get("/conversations/" + conversation)
                .then().statusCode(200).body("conversation.other.name", equalTo("Olivia T."))
                .body("conversation.other.headline", org.hamcrest.Matchers.nullValue());
        given().header("Authorization", TestTokens.bearer(chris)).get("/conversations")
                .then().statusCode(200).body("items[0].other.name", equalTo("Olivia T."));
        assertEquals("Olivia T. wants to connect", notifications(chris).getString("items[0].text"));
        // Chris, FULL, is shown in full to her whatever the degree
        given().header("Authorization", TestTokens.bearer(olivia)).get("/conversations")
                .then().statusCode(200).body("items[0].other.name", equalTo("Chris Cooper"));
    }

    @Test
    void every_list_refuses_a_page_whose_offset_would_overflow() {
        UUID a = member("Ann", "Lee");
        String conversation = MessagingService.conversationId(a, UUID.randomUUID()).toString();
        for (String path : List.of("/notifications", "/prompts", "/conversations", "/conversations/" + conversation)) {
            given().header("Authorization", TestTokens.bearer(a)).get(path + "?page=1073741824&size=2")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("page"));
        }
    }
}
