package dev.trellis.profile.api;

import dev.trellis.events.profile.CreatorModeChanged;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.events.profile.SkillAdded;
import dev.trellis.events.profile.SkillRemoved;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Profile edits, skills, privacy and creator mode, as the owner and as other members see them. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class ProfileEditApiTest {

    static final String FULL_EDIT = "{\"headline\":\"Lead designer\",\"city\":\"Leeds\",\"country\":\"UK\","
            + "\"industry\":\"Design\",\"careerLevel\":\"young professional\","
            + "\"positions\":[{\"company\":\"Acme\",\"title\":\"Designer\",\"fromYear\":2020}],"
            + "\"education\":[{\"school\":\"University of Leeds\",\"degree\":\"BA\",\"fromYear\":2016,\"toYear\":2019}],"
            + "\"interests\":[\"typography\"],\"skills\":[\"Figma\",\"UX research\"]}";

    @Test
    void an_edit_shows_in_the_owners_view_and_publishes_the_changed_fields_and_skills() {
        Api.M olivia = Api.signUp("Olivia", "Taylor");
        olivia.as().contentType(ContentType.JSON).body(FULL_EDIT).patch("/profiles/me").then().statusCode(200)
                .body("email", equalTo(olivia.email())).body("headline", equalTo("Lead designer"))
                .body("careerLevel", equalTo("YOUNG_PROFESSIONAL")).body("positions[0].company", equalTo("Acme"))
                .body("education[0].toYear", equalTo(2019)).body("skills", contains("Figma", "UX research"))
                .body("privacy.profileVisibility", equalTo("FULL"));

        String id = olivia.id().toString();
        ProfileUpdated updated = KafkaProbe.payload(Api.published("ProfileUpdated", r -> id.equals(r.key()), 1).get(0),
                ProfileUpdated.class);
        assertEquals(List.of("headline", "city", "country", "industry", "careerLevel", "positions", "education", "interests"),
                updated.changedFields());
        assertEquals("University of Leeds", updated.education().get(0).school());
        List<String> added = Api.published("SkillAdded", r -> id.equals(r.key()), 2).stream()
                .map(r -> KafkaProbe.payload(r, SkillAdded.class).skill()).sorted().toList();
        assertEquals(List.of("Figma", "UX research"), added);

        // the same edit again changes nothing and publishes nothing more
        olivia.as().contentType(ContentType.JSON).body(FULL_EDIT).patch("/profiles/me").then().statusCode(200);
        olivia.as().contentType(ContentType.JSON).body("{\"skills\":[\"figma\"]}").patch("/profiles/me").then()
                .statusCode(200).body("skills", contains("Figma"));
        Api.published("SkillRemoved", r -> id.equals(r.key())
                && KafkaProbe.payload(r, SkillRemoved.class).skill().equals("UX research"), 1);
        assertEquals(1, Api.published("ProfileUpdated", r -> id.equals(r.key()), 1).size());

        olivia.as().contentType(ContentType.JSON).body("{\"skill\":\"Sketch\"}").post("/profiles/me/skills")
                .then().statusCode(200).body("skills", contains("Figma", "Sketch"));
        olivia.as().delete("/profiles/me/skills/FIGMA").then().statusCode(200).body("skills", contains("Sketch"));
        olivia.as().delete("/profiles/me/skills/Figma").then().statusCode(404).body("reason", equalTo("skill-not-found"));
    }

    @Test
    void invalid_edits_are_4xx_problems_naming_the_field() {
        Api.M m = Api.signUp("Ben", "Cole");
        m.as().contentType(ContentType.JSON).body("{\"careerLevel\":\"wizard\"}").patch("/profiles/me").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("careerLevel"));
        m.as().contentType(ContentType.JSON).body("{\"headline\":\"" + "x".repeat(221) + "\"}").patch("/profiles/me")
                .then().statusCode(400).body("errors.field", hasItem("headline"));
        m.as().contentType(ContentType.JSON).body("{\"positions\":[{\"company\":\"Acme\",\"title\":\"Dev\",\"fromYear\":2020,\"toYear\":2010}]}")
                .patch("/profiles/me").then().statusCode(400).body("errors.field", hasItem("positions[0].toYear"));
        m.as().contentType(ContentType.JSON).body("{\"positions\":[{\"title\":\"Dev\"}]}")
                .patch("/profiles/me").then().statusCode(400).body("errors.field", hasItem("positions[0].company"));
        m.as().contentType(ContentType.JSON).body("{\"firstName\":\"  \"}").patch("/profiles/me").then()
                .statusCode(400).body("errors.field", hasItem("firstName"));
        String skills = IntStream.range(0, 51).mapToObj(i -> "\"s" + i + "\"").collect(Collectors.joining(","));
        m.as().contentType(ContentType.JSON).body("{\"skills\":[" + skills + "]}").patch("/profiles/me").then()
                .statusCode(422).body("reason", equalTo("too-many-skills"));
        m.as().contentType(ContentType.JSON).body("{\"skills\":[\"Java\",\"java\"]}").patch("/profiles/me").then()
                .statusCode(422).body("reason", equalTo("duplicate-skill"));
        m.as().contentType(ContentType.JSON).body("{\"positions\":\"none\"}").patch("/profiles/me").then()
                .statusCode(400);
        m.as().get("/profiles/me").then().statusCode(200).body("skills.size()", equalTo(0)).body("positions.size()", equalTo(0));
    }

    @Test
    void the_public_view_never_shows_the_email_and_shows_the_degree() {
        Api.M olivia = Api.signUp("Olivia", "Taylor");
        Api.M chris = Api.signUp("Chris", "Cooper");
        olivia.as().contentType(ContentType.JSON).body(FULL_EDIT).patch("/profiles/me").then().statusCode(200);
        String body = chris.as().get("/profiles/" + olivia.id()).then().statusCode(200)
                .body("lastName", equalTo("Taylor")).body("headline", equalTo("Lead designer"))
                .body("degree", equalTo(3)).body("primaryAction", equalTo("CONNECT"))
                .body("connectionCount", equalTo(0)).extract().asString();
        assertEquals(false, body.contains(olivia.email()));
        assertEquals(false, body.contains("email"));
        Api.connect(olivia, chris);
        chris.as().get("/profiles/" + olivia.id()).then().statusCode(200).body("degree", equalTo(1))
                .body("degreeLabel", equalTo("1st")).body("primaryAction", equalTo("MESSAGE"))
                .body("connectionCount", equalTo(1));
    }

    @Test
    void name_initial_profiles_show_out_of_network_viewers_the_initial_only() {
        Api.M olivia = Api.signUp("Olivia", "Taylor");
        Api.M friend = Api.signUp("Fran", "Moss");
        Api.M friendOfFriend = Api.signUp("Gus", "Hale");
        Api.M stranger = Api.signUp("Sam", "Vale");
        olivia.as().contentType(ContentType.JSON).body(FULL_EDIT).patch("/profiles/me").then().statusCode(200);
        olivia.as().contentType(ContentType.JSON)
                .body("{\"profileVisibility\":\"NAME_INITIAL\",\"connectionsVisibility\":\"ONLY_ME\"}")
                .put("/profiles/me/privacy").then().statusCode(200)
                .body("profileVisibility", equalTo("NAME_INITIAL")).body("connectionsVisibility", equalTo("ONLY_ME"))
                .body("findableByEmail", equalTo(true));
        String id = olivia.id().toString();
        PrivacySettingsChanged p = KafkaProbe.payload(Api.published("PrivacySettingsChanged", r -> id.equals(r.key()), 1)
                .get(0), PrivacySettingsChanged.class);
        assertEquals("ONLY_ME", p.connectionsVisibility());
        assertEquals("NAME_INITIAL", p.profileVisibility());
        Api.connect(olivia, friend);
        Api.connect(friend, friendOfFriend);

        stranger.as().get("/profiles/" + olivia.id()).then().statusCode(200)
                .body("displayName", equalTo("Olivia T.")).body("lastName", equalTo("T."))
                .body("restricted", equalTo(true)).body("headline", nullValue()).body("positions.size()", equalTo(0))
                .body("skills.size()", equalTo(0)).body("city", nullValue()).body("connectionCount", nullValue());
        friendOfFriend.as().get("/profiles/" + olivia.id()).then().statusCode(200).body("degree", equalTo(2))
                .body("lastName", equalTo("Taylor")).body("restricted", equalTo(false))
                .body("connectionCount", nullValue());
        friend.as().get("/profiles/" + olivia.id()).then().statusCode(200).body("lastName", equalTo("Taylor"))
                .body("headline", equalTo("Lead designer"));
        olivia.as().get("/profiles/me").then().statusCode(200).body("connectionCount", equalTo(1));
        olivia.as().get("/profiles/me/privacy").then().statusCode(200).body("connectionsVisibility", equalTo("ONLY_ME"));
        olivia.as().contentType(ContentType.JSON).body("{\"profileVisibility\":\"secret\"}").put("/profiles/me/privacy")
                .then().statusCode(400).body("errors.field", hasItem("profileVisibility"));
    }

    @Test
    void creator_mode_makes_follow_the_primary_action() {
        Api.M creator = Api.signUp("Cara", "Lane");
        Api.M viewer = Api.signUp("Vic", "Hume");
        creator.as().contentType(ContentType.JSON).body("{\"enabled\":true}").put("/profiles/me/creator-mode")
                .then().statusCode(200).body("creatorMode", equalTo(true));
        viewer.as().get("/profiles/" + creator.id()).then().statusCode(200).body("creatorMode", equalTo(true))
                .body("primaryAction", equalTo("FOLLOW"));
        String id = creator.id().toString();
        assertEquals(true, KafkaProbe.payload(Api.published("CreatorModeChanged", r -> id.equals(r.key()), 1).get(0),
                CreatorModeChanged.class).enabled());
        creator.as().contentType(ContentType.JSON).body("{}").put("/profiles/me/creator-mode").then().statusCode(400);
    }
}
