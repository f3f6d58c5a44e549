package dev.trellis.recommendation.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class RecommendationApiTest {

    static String body(UUID to, String text) {
        return "{\"recipientId\":\"" + to + "\",\"relationship\":\"worked with\",\"text\":\"" + text + "\"}";
    }

    static String text(String start) {
        return start + " " + "Reliable, thoughtful and a pleasure to work with every single day.";
    }

    @Test
    void connections_may_recommend_each_other_and_the_event_is_published() {
        UUID alice = Fixtures.member("Alice", "Test");
        UUID bob = Fixtures.member("Bob", "Test");
        UUID carol = Fixtures.member("Carol", "Test");
        // not connected yet: 403
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON).body(body(bob, text("Great")))
                .post("/recommendations").then().statusCode(403).body("reason", equalTo("not-possible"));
        UUID eventId = UUID.randomUUID();
        KafkaProbe.publish(eventId, new ConnectionMade(alice, bob, UUID.randomUUID(), Instant.now()));
        KafkaProbe.publish(eventId, new ConnectionMade(alice, bob, UUID.randomUUID(), Instant.now())); // redelivery
        String id = await().atMost(Duration.ofSeconds(20)).until(() ->
                given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON)
                        .body(body(bob, text("Bob is the best reviewer I know."))).post("/recommendations")
                        .then().extract(), r -> r.statusCode() == 201).path("recommendationId");
        // written, not accepted: the recipient sees it in his own list, nobody sees it on his profile
        given().header("Authorization", TestTokens.bearer(bob)).get("/recommendations/received")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].text", equalTo(text("Bob is the best reviewer I know.")));
        given().header("Authorization", TestTokens.bearer(bob)).get("/members/" + bob + "/recommendations")
                .then().statusCode(200).body("total", equalTo(0));
        // the other direction works too; a third member cannot
        given().header("Authorization", TestTokens.bearer(bob)).contentType(ContentType.JSON).body(body(alice, text("Alice leads.")))
                .post("/recommendations").then().statusCode(201);
        given().header("Authorization", TestTokens.bearer(carol)).contentType(ContentType.JSON).body(body(bob, text("Hm")))
                .post("/recommendations").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON).body(body(alice, text("Me!")))
                .post("/recommendations").then().statusCode(422).body("reason", equalTo("cannot-recommend-yourself"));
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON).body("{\"relationship\":\"WORKED_WITH\"}")
                .post("/recommendations").then().statusCode(400).contentType("application/problem+json");

        await().atMost(Duration.ofSeconds(20)).until(() -> !KafkaProbe.find(Topics.RECOMMENDATION,
                "trellis.recommendation.RecommendationWritten.v1", r -> id.equals(r.key())).isEmpty());
        RecommendationWritten w = KafkaProbe.payload(KafkaProbe.find(Topics.RECOMMENDATION,
                "trellis.recommendation.RecommendationWritten.v1", r -> id.equals(r.key())).get(0), RecommendationWritten.class);
        assertEquals(alice, w.authorId());
        assertEquals(bob, w.recipientId());
        assertEquals("WORKED_WITH", w.relationship());
        assertEquals(1, w.version());
    }

    @Test
    void after_a_connection_is_removed_no_new_recommendation() {
        UUID a = Fixtures.member("A", "Test");
        UUID b = Fixtures.member("B", "Test");
        KafkaProbe.publish(new ConnectionMade(a, b, UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().header("Authorization", TestTokens.bearer(a)).contentType(ContentType.JSON).body(body(b, text("ok")))
                        .post("/recommendations").statusCode() == 201);
        KafkaProbe.publish(new dev.trellis.events.connection.ConnectionRemoved(a, b, a, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().header("Authorization", TestTokens.bearer(a)).contentType(ContentType.JSON).body(body(b, text("again")))
                        .post("/recommendations").statusCode() == 403);
    }

    @Test
    void an_unknown_event_type_is_skipped_not_dead_lettered() {
        UUID a = Fixtures.member("A", "Test");
        UUID b = Fixtures.member("B", "Test");
        // same key as the ConnectionMade after it: same partition, so it is handled first
        String key = dev.trellis.events.connection.MemberPair.key(a, b);
        KafkaProbe.send(Topics.CONNECTION, key, UUID.randomUUID(), "trellis.connection.SomethingNew.v9", "{\"x\":1}");
        KafkaProbe.publish(new ConnectionMade(a, b, UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().header("Authorization", TestTokens.bearer(a)).contentType(ContentType.JSON).body(body(b, text("ok")))
                        .post("/recommendations").statusCode() == 201);
        org.junit.jupiter.api.Assertions.assertTrue(KafkaProbe.readAll(Topics.deadLetter("recommendation")).stream()
                .noneMatch(r -> key.equals(r.key())), "an unknown type is not poison");
    }

    @Test
    void a_poison_record_goes_to_the_dead_letter_topic_and_the_consumer_goes_on() {
        KafkaProbe.sendRaw(Topics.CONNECTION, "poison", "{not json", java.util.Map.of(
                "ce_id", UUID.randomUUID().toString(), "ce_type", "trellis.connection.ConnectionMade.v1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaProbe.readAll(Topics.deadLetter("recommendation")).stream()
                .anyMatch(r -> "poison".equals(r.key())));
        UUID a = Fixtures.member("A", "Test");
        UUID b = Fixtures.member("B", "Test");
        KafkaProbe.publish(new ConnectionMade(a, b, UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().header("Authorization", TestTokens.bearer(a)).contentType(ContentType.JSON).body(body(b, text("ok")))
                        .post("/recommendations").statusCode() == 201);
    }
}
