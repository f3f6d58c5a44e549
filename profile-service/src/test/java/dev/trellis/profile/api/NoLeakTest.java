package dev.trellis.profile.api;

import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No endpoint leaks an e-mail address, a password hash or a token: every GET endpoint of the OpenAPI document is
 * called as another member, and no body may contain another member's e-mail address, a bcrypt hash, or another
 * member's access or refresh token.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class NoLeakTest {

    @Test
    void no_endpoint_returns_another_members_email_a_hash_or_a_token() {
        Api.M viewer = Api.signUp("Vera", "Viewer");
        Api.M full = Api.signUp("Fiona", "Full");
        Api.M initial = Api.signUp("Nina", "Hiddenlast");   // NAME_INITIAL, out of the viewer's network
        Api.M connected = Api.signUp("Carl", "Connected");
        List<Api.M> others = List.of(full, initial, connected);
        for (Api.M m : List.of(viewer, full, initial, connected)) {
            m.as().contentType(ContentType.JSON).body("{\"careerLevel\":\"STUDENT\",\"city\":\"Leeds\","
                            + "\"positions\":[{\"company\":\"Leakproof\",\"title\":\"Engineer\",\"fromYear\":2020}],"
                            + "\"education\":[{\"school\":\"Leakproof University\",\"fromYear\":2015,\"toYear\":2019}],"
                            + "\"skills\":[\"Java\"]}")
                    .patch("/profiles/me").then().statusCode(200);
        }
        initial.as().contentType(ContentType.JSON).body("{\"profileVisibility\":\"NAME_INITIAL\"}").put("/profiles/me/privacy")
                .then().statusCode(200);
        Api.connect(viewer, connected);
        Api.connect(connected, full);
        full.as().put("/follows/" + initial.id()).then().statusCode(200);
        viewer.as().put("/follows/" + full.id()).then().statusCode(200);
        String group = full.as().contentType(ContentType.JSON).body("{\"name\":\"Leakproof alumni\"}").post("/groups")
                .then().statusCode(201).extract().path("groupId");
        initial.as().post("/groups/" + group + "/members").then().statusCode(200);
        viewer.as().post("/groups/" + group + "/members").then().statusCode(200);

        // every GET endpoint, by its OpenAPI template, with the concrete calls that exercise it
        Map<String, List<String>> calls = new LinkedHashMap<>();
        calls.put("/profiles/me", List.of("/profiles/me"));
        calls.put("/profiles/me/privacy", List.of("/profiles/me/privacy"));
        calls.put("/members/me/groups", List.of("/members/me/groups"));
        calls.put("/groups", List.of("/groups", "/groups?q=leakproof"));
        calls.put("/groups/{groupId}", List.of("/groups/" + group));
        calls.put("/groups/{groupId}/members", List.of("/groups/" + group + "/members"));
        calls.put("/search/members", List.of("/search/members?q=i", "/search/members?company=leakproof",
                "/search/members?school=leakproof", "/search/members?location=leeds", "/search/members?q=nina"));
        calls.put("/members/{memberId}/network-health", List.of("/members/" + viewer.id() + "/network-health"));
        List<String> perMember = new ArrayList<>();
        for (Api.M m : List.of(viewer, full, initial, connected)) {
            perMember.add("/profiles/" + m.id());
        }
        calls.put("/profiles/{memberId}", perMember);
        // followers and following are the owner's own (connections follow each other): others get a 403 (below)
        calls.put("/members/{memberId}/followers", List.of("/members/" + viewer.id() + "/followers"));
        calls.put("/members/{memberId}/following", List.of("/members/" + viewer.id() + "/following"));
        // the caller's own data archive part (the archive itself is a zip of the five services' parts: ArchiveApiTest)
        calls.put("/members/me/archive-part", List.of("/members/me/archive-part"));

        Set<String> documented = new TreeSet<>();
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        paths.forEach((path, ops) -> {
            // operator commands (/admin/...) take the admin token, never a member's (SignUpApiTest checks the mailbox's)
            if (ops.containsKey("get") && !path.startsWith("/q/") && !path.startsWith("/admin/")
                    && !path.equals("/members/me/archive")) {
                documented.add(path);
            }
        });
        assertEquals(documented, new TreeSet<>(calls.keySet()), "every GET endpoint is exercised");

        int checked = 0;
        for (List<String> urls : calls.values()) {
            for (String url : urls) {
                String body = viewer.as().get(url).then().statusCode(200).extract().asString();
                assertClean(url, body, viewer, others);
                checked++;
            }
        }
        assertTrue(checked >= 14);
        // another member's follower and following lists: refused, and the refusal names nobody
        for (Api.M o : others) {
            for (String list : List.of("followers", "following")) {
                String body = viewer.as().get("/members/" + o.id() + "/" + list).then().statusCode(403)
                        .contentType("application/problem+json").extract().asString();
                assertClean(list + " of another member", body, viewer, others);
                for (Api.M named : others) {
                    assertFalse(body.contains(named.id().toString()) && !named.equals(o), list + " names a member: " + body);
                }
            }
        }
        // how many another member follows is theirs too (it would count their connections)
        for (Api.M o : others) {
            Object followingCount = viewer.as().get("/profiles/" + o.id()).then().statusCode(200).extract()
                    .path("followingCount");
            org.junit.jupiter.api.Assertions.assertNull(followingCount, "followingCount of " + o.first());
        }
        // the NAME_INITIAL member was listed (search, group members, whom Fiona follows) but only as "Nina H."
        assertTrue(viewer.as().get("/groups/" + group + "/members").then().extract().asString().contains("Nina H."));

        // what the writing endpoints answer, too
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("PUT /follows/{memberId}", viewer.as().put("/follows/" + initial.id()).then().statusCode(200).extract().asString());
        writes.put("DELETE /follows/{memberId}", viewer.as().delete("/follows/" + initial.id()).then().statusCode(200).extract().asString());
        writes.put("POST /groups/{groupId}/members", viewer.as().post("/groups/" + group + "/members").then().statusCode(200).extract().asString());
        writes.put("DELETE /groups/{groupId}/members/me", viewer.as().delete("/groups/" + group + "/members/me").then().statusCode(200).extract().asString());
        writes.put("POST /groups", viewer.as().contentType(ContentType.JSON).body("{\"name\":\"Viewer's own\"}").post("/groups").then().statusCode(201).extract().asString());
        writes.put("PATCH /profiles/me", viewer.as().contentType(ContentType.JSON).body("{\"headline\":\"Still here\"}").patch("/profiles/me").then().statusCode(200).extract().asString());
        writes.put("POST /profiles/me/skills", viewer.as().contentType(ContentType.JSON).body("{\"skill\":\"SQL\"}").post("/profiles/me/skills").then().statusCode(200).extract().asString());
        writes.put("DELETE /profiles/me/skills/{skill}", viewer.as().delete("/profiles/me/skills/SQL").then().statusCode(200).extract().asString());
        writes.put("PUT /profiles/me/privacy", viewer.as().contentType(ContentType.JSON).body("{\"findableByEmail\":true}").put("/profiles/me/privacy").then().statusCode(200).extract().asString());
        writes.put("PUT /profiles/me/creator-mode", viewer.as().contentType(ContentType.JSON).body("{\"enabled\":true}").put("/profiles/me/creator-mode").then().statusCode(200).extract().asString());
        writes.put("POST /sessions/refresh", given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + viewer.refreshToken() + "\"}").post("/sessions/refresh").then().statusCode(200).extract().asString());
        // refusals are problems without addresses either
        writes.put("POST /members (taken)", given().contentType(ContentType.JSON).body("{\"email\":\"" + full.email().toUpperCase()
                + "\",\"password\":\"" + Api.PASSWORD + "\",\"firstName\":\"X\",\"lastName\":\"Y\"}").post("/members").then().statusCode(202).extract().asString());
        writes.put("POST /sessions (wrong)", given().contentType(ContentType.JSON).body("{\"email\":\"" + full.email()
                + "\",\"password\":\"not the password\"}").post("/sessions").then().statusCode(401).extract().asString());
        writes.forEach((call, body) -> assertClean(call, body.replace(full.email().toUpperCase(), ""), viewer, others));

        // a log-in and a refresh answer carry only the caller's own address and tokens
        String login = given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + viewer.email() + "\",\"password\":\"" + Api.PASSWORD + "\"}").post("/sessions")
                .then().statusCode(200).extract().asString();
        assertClean("/sessions", login, viewer, others);
        assertTrue(login.contains(viewer.email()), "the owner sees their own address");

        // contacts import names the members it found without their addresses
        String upload = "email\n" + full.email() + "\n" + connected.email() + "\n";
        String members = viewer.as().contentType("text/csv").body(upload).post("/contacts/imports").then().statusCode(200)
                .extract().jsonPath().prettify();
        String found = members.substring(0, members.indexOf("\"nonMembers\""));
        for (Api.M o : others) {
            assertFalse(found.contains(o.email()), "contacts import reveals no address: " + found);
        }
    }

    static void assertClean(String url, String body, Api.M viewer, List<Api.M> others) {
        for (Api.M o : others) {
            assertFalse(body.toLowerCase().contains(o.email().toLowerCase()), url + " leaks " + o.email() + ": " + body);
            assertFalse(body.contains(o.refreshToken()), url + " leaks a refresh token");
            assertFalse(body.contains(o.token()), url + " leaks an access token");
        }
        assertFalse(body.contains("$2a$") || body.contains("$2b$") || body.contains("$2y$"), url + " leaks a bcrypt hash");
        assertFalse(body.toLowerCase().contains("passwordhash") || body.contains("email_hmac") || body.contains("emailHmac"),
                url + " names a secret: " + body);
        assertFalse(body.toLowerCase().contains("hiddenlast"), url + " shows the NAME_INITIAL member's last name: " + body);
        assertFalse(body.matches("(?s).*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}.*")
                        && !body.contains(viewer.email()), url + " contains an e-mail address: " + body);
    }
}
