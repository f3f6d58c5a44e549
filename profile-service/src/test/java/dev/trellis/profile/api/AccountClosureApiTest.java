package dev.trellis.profile.api;

import dev.trellis.events.Topics;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.platform.crypto.PersonalData;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.profile.application.AccountClosure;
import dev.trellis.profile.application.MemberService;
import dev.trellis.profile.domain.Member;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.PersonalDataScan;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DELETE /members/me: the password is required, the member's key is erased, profile-service keeps nothing readable
 * about them (database, event store, profile topic), AccountClosed is published once, and a closing interrupted
 * after its first step is finished by the sweep.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class AccountClosureApiTest {
    static final String EDIT = """
            {"headline":"Principal Quokka Whisperer","city":"Wagga Wagga","positions":[{"company":"Zyxcorp Holdings",
             "title":"Chief Quokka Officer","fromYear":2019}]}""";

    @Inject
    DataSource dataSource;
    @Inject
    MemberService members;
    @Inject
    AccountClosure closure;
    @Inject
    EventStore store;

    static io.restassured.response.ValidatableResponse close(Api.M m, String password) {
        return m.as().contentType(ContentType.JSON).body("{\"password\":\"" + password + "\"}")
                .delete("/members/me").then();
    }

    /** What must be gone: the e-mail, the names (unusual ones, so that nothing else matches), headline, position. */
    static List<String> personal(Api.M m) {
        return List.of(m.email(), m.first(), m.last(), "Quokka Whisperer", "Wagga", "Zyxcorp");
    }

    @Test
    void closing_needs_the_password_then_forgets_the_member_everywhere_in_profile_service() throws Exception {
        Api.M m = Api.signUp("Quentin" + suffix(), "Zabriskie" + suffix());
        Api.M other = Api.signUp("Olga", "Other");
        m.as().contentType(ContentType.JSON).body(EDIT).patch("/profiles/me").then().statusCode(200);
        other.as().put("/follows/" + m.id()).then().statusCode(200);
        // while the account exists, the topic holds its personal fields sealed and consumers read them back
        ConsumerRecord<String, String> updated = Api.published("ProfileUpdated", r -> m.id().toString().equals(r.key()), 1).get(0);
        assertFalse(updated.value().contains("Zyxcorp"), updated.value());
        assertTrue(updated.value().contains(PersonalData.PREFIX), updated.value());
        assertEquals("Principal Quokka Whisperer", KafkaProbe.payload(updated, ProfileUpdated.class).headline());

        close(m, "not the password").statusCode(403).contentType("application/problem+json");
        m.as().get("/profiles/me").then().statusCode(200);

        close(m, Api.PASSWORD).statusCode(204);
        // the token, a log-in and the profile are gone
        m.as().get("/profiles/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(IdentityApiTest.logIn(m.email(), Api.PASSWORD))
                .post("/sessions").then().statusCode(401);
        other.as().get("/profiles/" + m.id()).then().statusCode(404);
        // AccountClosed, once
        List<ConsumerRecord<String, String>> closed = Api.published("AccountClosed", r -> m.id().toString().equals(r.key()), 1);
        assertEquals(1, closed.size());
        assertEquals(m.id(), KafkaProbe.payload(closed.get(0), AccountClosed.class).memberId());
        // no table of profile-service's database, its event store included, holds anything readable about them
        try (Connection c = dataSource.getConnection()) {
            assertEquals(List.of(), PersonalDataScan.rowsContaining(c, personal(m), Set.of()));
        }
        // nor does any record of the profile topic, read from the beginning: what was sealed no longer opens
        for (ConsumerRecord<String, String> r : KafkaProbe.readAll(Topics.PROFILE)) {
            for (String text : personal(m)) {
                assertFalse(r.value().toLowerCase().contains(text.toLowerCase()), text + " in " + r.value());
            }
        }
        ProfileUpdated shredded = KafkaProbe.payload(updated, ProfileUpdated.class);
        assertEquals("Deleted member", shredded.firstName());
        assertNull(shredded.headline());
        assertEquals(List.of(), shredded.positions());
        // the member's stream ends with AccountClosed; another close decides nothing
        var stream = QuarkusTransaction.requiringNew().call(() -> store.load(Member.streamId(m.id())));
        assertTrue(stream.events().get(stream.events().size() - 1) instanceof AccountClosed);
        assertEquals(List.of(), Member.close(stream.events(), java.time.Instant.now()));
        // the other member is untouched
        other.as().get("/profiles/me").then().statusCode(200);
    }

    @Test
    void a_closing_interrupted_after_its_first_step_is_finished_by_the_sweep() throws Exception {
        Api.M m = Api.signUp("Ursula" + suffix(), "Interrupted" + suffix());
        // step 1 only, as if the process died right after it
        assertTrue(members.beginClosing(m.id(), Api.PASSWORD, null, "127.0.0.1"));
        m.as().get("/profiles/me").then().statusCode(401);
        assertEquals(1, Api.count("SELECT count(*) FROM credential WHERE member_id = '" + m.id() + "'"));
        closure.sweepNow();
        assertEquals(0, Api.count("SELECT count(*) FROM credential WHERE member_id = '" + m.id() + "'"));
        assertEquals(0, Api.count("SELECT count(*) FROM profile WHERE member_id = '" + m.id() + "'"));
        Api.published("AccountClosed", r -> m.id().toString().equals(r.key()), 1);
        // finishing again (a second replica's sweep) changes nothing and publishes nothing more
        closure.finish(m.id());
        assertEquals(1, Api.count("SELECT count(*) FROM event_store WHERE stream_id = 'member-" + m.id()
                + "' AND event_type = 'trellis.profile.AccountClosed.v1'"));
        try (Connection c = dataSource.getConnection()) {
            assertEquals(List.of(), PersonalDataScan.rowsContaining(c, List.of(m.email(), m.first(), m.last()), Set.of()));
        }
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "q");
    }
}
