package dev.trellis.profile.api;

import com.sun.net.httpserver.HttpServer;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * profile-service's part of the data archive (own data only), and the zip of the five parts. The other four
 * services are a local stub here (application.properties %test points them to 127.0.0.1:38971/<service>): this
 * checks the zipping, the forwarded token and the refusal; the real flow is the system tests'.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class ArchiveApiTest {
    static HttpServer stub;
    /** Services whose stub answers 500. */
    static final Set<String> failing = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 38971), 0);
        for (String s : new String[]{"invitation", "connection", "recommendation", "notification"}) {
            stub.createContext("/" + s + "/members/me/archive-part", x -> {
                String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
                byte[] body = ("{\"service\":\"" + s + "\",\"authorization\":\"" + auth + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "application/json");
                x.sendResponseHeaders(failing.contains(s) ? 500 : 200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
        }
        stub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.stop(0);
    }

    @Test
    void without_a_token_401() {
        given().get("/members/me/archive-part").then().statusCode(401);
        given().get("/members/me/archive").then().statusCode(401);
    }

    @Test
    void the_part_holds_the_callers_profile_settings_and_follows_only() {
        Api.M a = Api.signUp("Arch", "Ive");
        Api.M b = Api.signUp("Bea", "Other");
        a.as().put("/follows/" + b.id()).then().statusCode(200);
        JsonPath ofA = a.as().get("/members/me/archive-part").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertEquals("profile", ofA.getString("service"));
        assertEquals(a.id().toString(), ofA.getString("memberId"));
        assertEquals(a.email(), ofA.getString("profile.email"));
        assertEquals("Arch", ofA.getString("profile.firstName"));
        assertEquals("EVERYONE", ofA.getString("settings.connectionsVisibility"));
        assertEquals(java.util.List.of(b.id().toString()), ofA.getList("following.memberId"));
        assertEquals(java.util.List.of(), ofA.getList("followers"));
        String raw = a.as().get("/members/me/archive-part").asString();
        assertFalse(raw.contains(b.email()), "another member's e-mail address");
        assertFalse(raw.contains("$2a$") || raw.contains("passwordHash") || raw.contains("emailHmac"), raw);

        b.as().get("/members/me/archive-part").then().statusCode(200)
                .body("profile.email", equalTo(b.email())).body("following", org.hamcrest.Matchers.empty())
                .body("followers.memberId", contains(a.id().toString()))
                .body("profile.email", not(equalTo(a.email())));
    }

    @Test
    void the_archive_zips_the_five_parts_fetched_with_the_callers_token() throws IOException {
        failing.clear();
        Api.M a = Api.signUp("Zip", "Per");
        byte[] zip = a.as().get("/members/me/archive").then().statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"trellis-archive.zip\"")
                .extract().asByteArray();
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(java.util.List.of("profile.json", "invitations.json", "connections.json",
                "recommendations.json", "notifications.json"), java.util.List.copyOf(files.keySet()));
        JsonPath profile = new JsonPath(files.get("profile.json"));
        assertEquals(a.id().toString(), profile.getString("memberId"));
        assertEquals(a.email(), profile.getString("profile.email"));
        Map<String, String> services = Map.of("invitations.json", "invitation", "connections.json", "connection",
                "recommendations.json", "recommendation", "notifications.json", "notification");
        services.forEach((file, service) -> {
            JsonPath part = new JsonPath(files.get(file));
            assertEquals(service, part.getString("service"), file);
            assertEquals("Bearer " + a.token(), part.getString("authorization"), file + ": the caller's token");
        });
    }

    @Test
    void a_service_that_does_not_answer_makes_a_503_not_a_partial_zip() {
        Api.M a = Api.signUp("Half", "Way");
        failing.add("recommendation");
        try {
            a.as().get("/members/me/archive").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "30")
                    .body("reason", equalTo("archive-part-unavailable"))
                    .body("detail", org.hamcrest.Matchers.containsString("recommendation answered 500"))
                    .body("errors", nullValue());
        } finally {
            failing.clear();
        }
    }
}
