package dev.trellis.recommendation.api;

import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.trellis.recommendation.api.Fixtures.TEXT;
import static dev.trellis.recommendation.api.Fixtures.connect;
import static dev.trellis.recommendation.api.Fixtures.get;
import static dev.trellis.recommendation.api.Fixtures.json;
import static dev.trellis.recommendation.api.Fixtures.member;
import static dev.trellis.recommendation.api.Fixtures.post;
import static dev.trellis.recommendation.api.Fixtures.published;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Malformed input is a 400 naming the parameter, the OpenAPI document is valid, and removal withdraws every open state. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class ContractApiTest {

    @Test
    void a_malformed_member_id_in_the_query_is_a_400_naming_it() {
        UUID me = member("Mal", "Formed");
        post(me, "/recommendations/templates/skill/render?to=not-a-uuid", "{\"skill\":\"SQL\"}").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        post(me, "/recommendations/templates/skill/render", "{\"skill\":\"SQL\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_operation_has_its_own_operation_id() {
        Map<String, Map<String, Map<String, Object>>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        List<String> ids = new ArrayList<>();
        paths.values().forEach(ops -> ops.values().forEach(op -> {
            if (op.get("operationId") != null) {
                ids.add((String) op.get("operationId"));
            }
        }));
        Set<String> seen = new HashSet<>();
        List<String> duplicates = ids.stream().filter(id -> !seen.add(id)).toList();
        assertEquals(List.of(), duplicates, "operationIds must be unique in an OpenAPI document");
    }

    @Test
    void a_removed_connection_withdraws_written_and_revision_requested_ones_too() {
        UUID nod = member("Nod", "Nine");
        UUID oli = member("Oli", "Ten");
        connect(nod, oli);
        String written = post(nod, "/recommendations", json("recipientId", oli, "relationship", "WORKED_WITH", "text", TEXT))
                .then().statusCode(201).extract().path("recommendationId");
        String revised = post(oli, "/recommendations", json("recipientId", nod, "relationship", "WORKED_WITH", "text", TEXT))
                .then().statusCode(201).extract().path("recommendationId");
        post(nod, "/recommendations/" + revised + "/request-revision", "{\"message\":\"More on SQL?\"}").then().statusCode(200)
                .body("status", equalTo("revision_requested"));

        KafkaProbe.publish(new ConnectionRemoved(nod, oli, oli, Instant.now()));
        for (String id : new String[]{written, revised}) {
            assertEquals("CONNECTION_REMOVED", KafkaProbe.payload(published("RecommendationWithdrawn", id, r -> true).get(0),
                    RecommendationWithdrawn.class).reason());
        }
        get(oli, "/recommendations/received").then().body("total", equalTo(0));
        get(nod, "/recommendations/received").then().body("total", equalTo(0));
        get(nod, "/recommendations/given").then().body("total", equalTo(0));
        post(oli, "/recommendations/" + revised + "/write", json("text", TEXT + " More.")).then().statusCode(404);
    }

    /** PostgreSQL cannot store a NUL character (neither in text nor in the event store's jsonb): 400, never a 500. */
    @Test
    void a_nul_character_in_any_text_is_a_400_naming_the_field() {
        UUID pia = member("Pia", "Nul");
        UUID rex = member("Rex", "Nul");
        UUID sid = member("Sid", "Nul");
        connect(pia, rex);
        connect(rex, sid);
        Fixtures.skill(rex, "Go");
        String nul = "\\u0000";
        post(pia, "/recommendations", "{\"recipientId\":\"" + rex + "\",\"relationship\":\"WORKED_WITH\",\"text\":\"" + TEXT + nul + "\"}")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        post(pia, "/recommendations", "{\"recipientId\":\"" + rex + "\",\"relationship\":\"WORKED_WITH\",\"position\":\"CTO" + nul
                + "\",\"text\":\"" + TEXT + "\"}").then().statusCode(400).body("errors[0].field", equalTo("position"));
        post(pia, "/recommendations/requests", "{\"authorId\":\"" + rex + "\",\"message\":\"Would you" + nul + "?\"}")
                .then().statusCode(400).body("errors[0].field", equalTo("message"));
        post(pia, "/recommendations/requests", "{\"authorId\":\"" + rex + "\",\"templateId\":\"skill\",\"templateValues\":{\"skill\":\"SQL"
                + nul + "\"}}").then().statusCode(400).body("errors[0].field", equalTo("templateValues"));
        post(pia, "/members/" + rex + "/endorsements", "{\"skill\":\"Go" + nul + "\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("skill"));
        given().urlEncodingEnabled(false).header("Authorization", dev.trellis.testing.TestTokens.bearer(pia))
                .get("/members/" + rex + "/skills/Go%00/endorsers").then().statusCode(400).body("errors[0].field", equalTo("skill"));
        post(pia, "/introductions", "{\"introducerId\":\"" + rex + "\",\"targetId\":\"" + sid + "\",\"note\":\"Hi" + nul + "\"}")
                .then().statusCode(400).body("errors[0].field", equalTo("note"));
        // the same calls without the NUL go through: nothing else was wrong with them
        post(pia, "/recommendations", json("recipientId", rex, "relationship", "WORKED_WITH", "position", "CTO", "text", TEXT))
                .then().statusCode(201);
        post(pia, "/members/" + rex + "/endorsements", "{\"skill\":\"Go\"}").then().statusCode(201);
        post(pia, "/introductions", json("introducerId", rex, "targetId", sid, "note", "Hi")).then().statusCode(201);
    }
}
