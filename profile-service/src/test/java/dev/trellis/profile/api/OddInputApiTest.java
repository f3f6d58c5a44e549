package dev.trellis.profile.api;

import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input PostgreSQL cannot store or compare (a NUL character in a text) is the caller's mistake: a 400 problem,
 * never a 500, on every endpoint that takes text.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class OddInputApiTest {
    static final String NUL = "\\u0000";

    @Test
    void a_nul_character_anywhere_is_a_400_problem() {
        Api.M m = Api.signUp("Nul", "Byte");
        String group = m.as().contentType(ContentType.JSON).body("{\"name\":\"Odd inputs\"}").post("/groups").then()
                .statusCode(201).extract().path("groupId");
        Map<String, Response> answers = new LinkedHashMap<>();
        answers.put("sign-up name", given().contentType(ContentType.JSON).body("{\"email\":\"nul-" + UUID.randomUUID()
                + "@example.com\",\"password\":\"" + Api.PASSWORD + "\",\"firstName\":\"A" + NUL + "\",\"lastName\":\"B\"}")
                .post("/members"));
        answers.put("log-in address", given().contentType(ContentType.JSON).body("{\"email\":\"a" + NUL
                + "@example.com\",\"password\":\"" + Api.PASSWORD + "\"}").post("/sessions"));
        answers.put("headline", m.as().contentType(ContentType.JSON).body("{\"headline\":\"x" + NUL + "\"}").patch("/profiles/me"));
        answers.put("position", m.as().contentType(ContentType.JSON).body("{\"positions\":[{\"company\":\"C" + NUL
                + "\",\"title\":\"T\"}]}").patch("/profiles/me"));
        answers.put("skill", m.as().contentType(ContentType.JSON).body("{\"skill\":\"S" + NUL + "\"}").post("/profiles/me/skills"));
        answers.put("group name", m.as().contentType(ContentType.JSON).body("{\"name\":\"G" + NUL + "\"}").post("/groups"));
        answers.put("search", m.as().urlEncodingEnabled(false).get("/search/members?q=a%00b"));
        answers.put("search company", m.as().urlEncodingEnabled(false).get("/search/members?company=a%00b"));
        answers.put("group search", m.as().urlEncodingEnabled(false).get("/groups?q=a%00b"));
        answers.forEach((what, r) -> {
            assertEquals(400, r.statusCode(), what + ": " + r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), what);
        });
        // a refresh token is only ever hashed: such a one is simply unknown
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"a" + NUL + "\"}").post("/sessions/refresh")
                .then().statusCode(401).contentType("application/problem+json");
        // an address book is the caller's own data: such a contact is simply no member
        m.as().contentType("text/csv").body("name,email\nA\u0000,a\u0000@example.com\n").post("/contacts/imports")
                .then().statusCode(200).body("nonMembers.size()", org.hamcrest.Matchers.equalTo(1));
        // and nothing was changed by them
        m.as().get("/profiles/me").then().statusCode(200).body("headline", org.hamcrest.Matchers.equalTo("Nul's headline"));
        m.as().get("/groups/" + group).then().statusCode(200);
    }
}
