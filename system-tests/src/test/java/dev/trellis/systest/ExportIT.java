package dev.trellis.systest;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, export: the CSV of my connections and the zip of everything the five services hold about me, downloaded
 * from the running suite (profile-service fetches the other four parts over HTTP with the caller's token).
 */
@ExtendWith(SharedSuite.class)
class ExportIT {
    static Suite suite;
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @BeforeAll
    static void start() {
        suite = SharedSuite.suite();
    }

    static String invite(Member from, Member to, String note) {
        return await().atMost(PATIENCE).until(() -> from.at(suite, "invitation")
                .body("{\"toMemberId\":\"" + to.id() + "\",\"note\":\"" + note + "\"}").post("/invitations"),
                r -> r.statusCode() == 201).path("invitationId");
    }

    @Test
    void the_csv_and_the_archive_hold_my_data_and_nobody_elses() throws IOException {
        Member ann = Member.signUp(suite, "Ann", "Export");
        Member ben = Member.signUp(suite, "Ben", "Export");
        Member cat = Member.signUp(suite, "Cat", "Export");
        String note = "Hi Ben, exporting with you";
        String invitation = invite(ann, ben, note);
        ben.at(suite, "invitation").post("/invitations/" + invitation + "/accept").then().statusCode(200);
        String toCat = invite(ben, cat, "Hi Cat");
        cat.at(suite, "invitation").post("/invitations/" + toCat + "/accept").then().statusCode(200);
        await().atMost(PATIENCE).untilAsserted(() -> ben.at(suite, "connection")
                .get("/members/" + ben.id() + "/connections/count").then().body("count", equalTo(2)));

        String csv = ann.at(suite, "connection").get("/connections/export").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"Connections.csv\"").extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("First Name,Last Name,URL,Email Address,Company,Position,Connected On,Tags,VIP", lines[0]);
        assertEquals(2, lines.length, csv);
        assertTrue(lines[1].startsWith("Ben,Export,/profiles/" + ben.id() + ",,,,"), csv);
        assertFalse(csv.contains(cat.id().toString()), "Cat is Ben's connection, not Ann's");

        String bens = ben.at(suite, "connection").get("/connections/export").then().statusCode(200).extract().asString();
        assertEquals(3, bens.split("\r\n").length, bens);

        byte[] zip = await().atMost(PATIENCE).until(() -> ann.at(suite, "profile").get("/members/me/archive"),
                r -> r.statusCode() == 200).then().header("Content-Disposition",
                "attachment; filename=\"trellis-archive.zip\"").extract().asByteArray();
        Map<String, JsonPath> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), new JsonPath(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        assertEquals(List.of("profile.json", "invitations.json", "connections.json", "recommendations.json",
                "notifications.json"), List.copyOf(files.keySet()));
        files.forEach((name, json) -> assertEquals(ann.id().toString(), json.getString("memberId"), name));
        assertEquals(ann.email(), files.get("profile.json").getString("profile.email"));
        assertEquals(List.of(note), files.get("invitations.json").getList("invitationsSent.note"));
        assertEquals(List.of(ben.id().toString()), files.get("connections.json").getList("connections.memberId"));
        assertTrue(files.get("notifications.json").getList("notifications.kind").contains("INVITATION_ACCEPTED"),
                files.get("notifications.json").prettify());
        assertEquals(List.of(), files.get("recommendations.json").getList("recommendationsGiven"));
    }
}
