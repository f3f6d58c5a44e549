package dev.trellis.invitation.api;

import dev.trellis.events.Topics;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.invitation.store.MemberEntity;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A forwarded introduction (recommendation-service) becomes the context of the invitation that follows it. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_invitation_test"))
class IntroductionApiTest {
    @Inject
    InvitationQueries queries;

    static UUID member(String first, String last) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, last, null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> MemberEntity.findById(id) != null));
        return id;
    }

    static io.restassured.response.Response invite(UUID from, String body) {
        return given().header("Authorization", TestTokens.bearer(from)).contentType(ContentType.JSON).body(body).post("/invitations");
    }

    @Test
    void an_invitation_to_the_member_you_were_introduced_to_carries_the_introduction() {
        UUID ann = member("Ann", "Ask");
        UUID ian = member("Ian", "Intro");
        UUID tom = member("Tom", "Target");
        UUID sue = member("Sue", "Other");
        UUID introduction = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        IntroductionForwarded forwarded = new IntroductionForwarded(introduction, ann, ian, tom, "Ann would love to hear about Acme", Instant.now());
        KafkaProbe.publish(eventId, forwarded);
        KafkaProbe.publish(eventId, forwarded); // redelivery
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> queries.forwardedIntroduction(ann, tom) != null));

        String id = invite(ann, "{\"toMemberId\":\"" + tom + "\",\"note\":\"Hi Tom, Ian suggested we talk.\"}")
                .then().statusCode(201).body("context", equalTo("Introduced by Ian Intro"))
                .body("introductionId", equalTo(introduction.toString())).extract().path("invitationId");
        given().header("Authorization", TestTokens.bearer(tom)).get("/invitations/received").then().statusCode(200)
                .body("items[0].invitationId", equalTo(id)).body("items[0].context", equalTo("Introduced by Ian Intro"))
                .body("items[0].introducedBy.firstName", equalTo("Ian")).body("items[0].introducedBy.lastName", equalTo("Intro"))
                .body("items[0].introducedBy.memberId", equalTo(ian.toString()))
                .body("items[0].introducedBy.note", equalTo("Ann would love to hear about Acme"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !KafkaProbe.find(Topics.INVITATION,
                "trellis.invitation.InvitationSent.v1", r -> id.equals(r.key())).isEmpty());
        InvitationSent sent = KafkaProbe.payload(KafkaProbe.find(Topics.INVITATION, "trellis.invitation.InvitationSent.v1",
                r -> id.equals(r.key())).get(0), InvitationSent.class);
        assertEquals("Introduced by Ian Intro", sent.context());

        // the introduction is only for that pair: Ann's invitation to Sue carries none
        invite(ann, "{\"toMemberId\":\"" + sue + "\"}").then().statusCode(201).body("context", nullValue())
                .body("introductionId", nullValue());
        given().header("Authorization", TestTokens.bearer(sue)).get("/invitations/received").then()
                .body("items[0].introducedBy", nullValue());
    }

    @Test
    void a_context_the_sender_gives_stays_and_the_introduction_still_shows() {
        UUID amy = member("Amy", "Ask");
        UUID ivo = member("Ivo", "Intro");
        UUID tim = member("Tim", "Target");
        KafkaProbe.publish(new IntroductionForwarded(UUID.randomUUID(), amy, ivo, tim, "Hello", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> queries.forwardedIntroduction(amy, tim) != null));
        invite(amy, "{\"toMemberId\":\"" + tim + "\",\"context\":\"Acme\",\"relationship\":\"colleague\"}")
                .then().statusCode(201).body("context", equalTo("Acme"));
        given().header("Authorization", TestTokens.bearer(tim)).get("/invitations/received").then()
                .body("items[0].context", equalTo("Acme")).body("items[0].introducedBy.firstName", equalTo("Ivo"));
    }
}
