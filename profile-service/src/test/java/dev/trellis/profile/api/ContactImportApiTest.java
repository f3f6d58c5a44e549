package dev.trellis.profile.api;

import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.profile.application.EmailHasher;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Contacts import: who in my address book is a member, with degree and pending invitations; nothing stored. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class ContactImportApiTest {
    @Inject
    EmailHasher hasher;
    @Inject
    EntityManager em;
    @ConfigProperty(name = "trellis.contacts.email-hmac-key")
    String key;

    @Test
    void a_csv_address_book_is_matched_by_email_with_degree_and_pending_invitations() {
        Api.M me = Api.signUp("Ida", "Wolf");
        Api.M friend = Api.signUp("Finn", "Roe");
        Api.M invited = Api.signUp("Ivy", "Shaw");
        Api.M hidden = Api.signUp("Hugo", "Blake");
        Api.connect(me, friend);
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), me.id(), invited.id(), null, null, null, null,
                Instant.now(), Instant.now().plus(Duration.ofDays(180))));
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.count(
                "SELECT count(*) FROM invitation WHERE from_member = '" + me.id() + "'") == 1);
        hidden.as().contentType(ContentType.JSON).body("{\"findableByEmail\":false}").put("/profiles/me/privacy")
                .then().statusCode(200);
        String stranger = "not.a.member." + UUID.randomUUID() + "@example.com";

        String csv = "Name,E-mail Address\n"
                + "Finn R," + friend.email().toUpperCase() + "\n"
                + "\"Ivy, from work\",  " + invited.email() + "  \n"
                + "Hugo," + hidden.email() + "\n"
                + "Nobody," + stranger + "\n"
                + "Me," + me.email() + "\n"
                + "No address,\n";
        me.as().contentType("text/csv").body(csv).post("/contacts/imports").then().statusCode(200)
                .body("contacts", equalTo(6))
                .body("members.member.memberId", contains(friend.id().toString(), invited.id().toString()))
                .body("members.contactIndex", contains(0, 1))
                .body("members.contactName", contains("Finn R", "Ivy, from work"))
                .body("members.member.degree", contains(1, 3))
                .body("members.invitationPending", contains(false, true))
                .body("nonMembers.name", contains("Hugo", "Nobody", "No address"))
                .body("nonMembers[1].emails", contains(stranger));

        // nothing of the upload was kept: the stranger's address is in no table
        assertEquals(0, occurrences(stranger));
    }

    @Test
    void a_vcard_address_book_is_matched_too() {
        Api.M me = Api.signUp("Vera", "Holt");
        Api.M known = Api.signUp("Kurt", "Lund");
        String vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kurt Lund\r\nEMAIL;TYPE=home:old@example.org\r\n"
                + "EMAIL;TYPE=work:" + known.email() + "\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nEMAIL:jane." + UUID.randomUUID() + "@example.org\r\nEND:VCARD\r\n";
        me.as().contentType("text/vcard").body(vcf).post("/contacts/imports").then().statusCode(200)
                .body("members.member.memberId", contains(known.id().toString()))
                .body("members.member.firstName", contains("Kurt"))
                .body("nonMembers.name", contains("Jane Doe"));
    }

    @Test
    void a_file_can_be_uploaded_as_multipart_form_data() {
        Api.M me = Api.signUp("Mo", "Part");
        Api.M known = Api.signUp("Kim", "Form");
        String vcf = "BEGIN:VCARD\nVERSION:3.0\nFN:Kim Form\nEMAIL:" + known.email() + "\nEND:VCARD\n";
        me.as().multiPart("file", "contacts.vcf", vcf.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/octet-stream")
                .post("/contacts/imports").then().statusCode(200)
                .body("members.member.memberId", contains(known.id().toString()));
        String csv = "email\n" + known.email() + "\nother." + UUID.randomUUID() + "@example.com\n";
        me.as().multiPart("file", "contacts.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .post("/contacts/imports").then().statusCode(200)
                .body("members.member.memberId", contains(known.id().toString())).body("nonMembers.size()", equalTo(1));
        me.as().multiPart("other", "x.csv", "email\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .post("/contacts/imports").then().statusCode(400).body("errors.field", hasItem("file"));
    }

    @Test
    void a_truncated_multipart_body_is_a_400_problem() {
        Api.M me = Api.signUp("Trunc", "Ated");
        String whole = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nemail\na@example.com\n\r\n--XyZ--\r\n";
        for (int cut : new int[]{whole.length() - 4, whole.length() - 12, 60, 30, 8}) {
            me.as().contentType("multipart/form-data; boundary=XyZ").body(whole.substring(0, cut).getBytes(
                            java.nio.charset.StandardCharsets.UTF_8))
                    .post("/contacts/imports").then().statusCode(400).contentType("application/problem+json");
        }
        me.as().contentType("multipart/form-data").body("--XyZ\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/contacts/imports").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void an_address_book_of_exactly_a_thousand_addresses_is_matched() {
        Api.M me = Api.signUp("Tess", "Thousands");
        Api.M known = Api.signUp("Kai", "Known");
        StringBuilder big = new StringBuilder("name,email\n");
        for (int i = 0; i < 999; i++) {
            big.append("Contact ").append(i).append(",c").append(i).append('.').append(me.id()).append("@example.com\n");
        }
        for (int i = 0; i < 5_000; i++) {
            big.append("No address ").append(i).append(",\n");   // contacts without an address look nobody up
        }
        big.append("Kai,").append(known.email()).append('\n');
        me.as().contentType("text/csv").body(big.toString()).post("/contacts/imports").then().statusCode(200)
                .body("contacts", equalTo(6_000)).body("nonMembers.size()", equalTo(5_999))
                .body("members.member.memberId", contains(known.id().toString()))
                .body("members[0].contactIndex", equalTo(5_999));
        assertEquals(0, occurrences("c0." + me.id() + "@example.com"));
    }

    @Test
    void uploads_are_bounded_and_need_a_supported_format() {
        Api.M me = Api.signUp("Cap", "Test");
        StringBuilder big = new StringBuilder("email\n");
        for (int i = 0; i <= 10_000; i++) {
            big.append("c").append(i).append("@example.com\n");
        }
        me.as().contentType("text/csv").body(big.toString()).post("/contacts/imports").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("contacts"));
        // 1,001 distinct addresses, in vCards of many addresses each: one too many (the same address twice counts once)
        StringBuilder cards = new StringBuilder();
        for (int c = 0; c < 11; c++) {
            cards.append("BEGIN:VCARD\nVERSION:3.0\nFN:Card ").append(c).append('\n');
            for (int i = 0; i < 91; i++) {
                cards.append("EMAIL:a").append(c * 91 + i).append('.').append(me.id()).append("@example.com\n");
                cards.append("EMAIL:A").append(c * 91 + i).append('.').append(me.id()).append("@EXAMPLE.com\n");
            }
            cards.append("END:VCARD\n");
        }
        me.as().contentType("text/vcard").body(cards.toString()).post("/contacts/imports").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("contacts"))
                .body("detail", org.hamcrest.Matchers.containsString("1001"));
        me.as().contentType(ContentType.JSON).body("{}").post("/contacts/imports").then().statusCode(415);
        io.restassured.RestAssured.given().contentType("text/csv").body("email\na@b.c\n").post("/contacts/imports")
                .then().statusCode(401);
        // refused uploads do not count against the member's imports
        assertEquals(0, Api.count("SELECT count(*) FROM contact_import WHERE member_id = '" + me.id() + "'"));
    }

    @Test
    void a_member_may_import_five_times_an_hour_then_429_with_retry_after() {
        Api.M me = Api.signUp("Rate", "Limited");
        Api.M other = Api.signUp("Someone", "Else");
        String csv = "email\nx." + UUID.randomUUID() + "@example.com\n";
        for (int i = 0; i < 5; i++) {
            me.as().contentType("text/csv").body(csv).post("/contacts/imports").then().statusCode(200);
        }
        var refused = me.as().contentType("text/csv").body(csv).post("/contacts/imports").then().statusCode(429)
                .contentType("application/problem+json").body("reason", equalTo("too-many-imports")).extract();
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        org.junit.jupiter.api.Assertions.assertTrue(retryAfter > 3_000 && retryAfter <= 3_600, "about an hour: " + retryAfter);
        me.as().multiPart("file", "c.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .post("/contacts/imports").then().statusCode(429);
        // only when and how many addresses: never which
        assertEquals(5, Api.count("SELECT count(*) FROM contact_import WHERE member_id = '" + me.id() + "' AND addresses = 1"));
        // another member is not affected
        other.as().contentType("text/csv").body(csv).post("/contacts/imports").then().statusCode(200);
    }

    @Test
    void the_java_hmac_equals_the_one_the_migration_computes_in_sql() {
        String email = "Backfill.Check@Example.com ";
        String sql = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "SELECT encode(hmac(lower(btrim(?1)), ?2, 'sha256'), 'hex')")
                .setParameter(1, email).setParameter(2, key).getSingleResult());
        assertEquals(sql, hasher.hmac(email));
        Api.M m = Api.signUp("Hal", "Mac");
        assertEquals(1, Api.count("SELECT count(*) FROM credential WHERE member_id = '" + m.id() + "' AND email_hmac = encode(hmac(lower(btrim(email)), '"
                + key + "', 'sha256'), 'hex')"));
    }

    /** Rows in any table of the database whose text contains {@code s}. */
    static long occurrences(String s) {
        List<?> columns = QuarkusTransaction.requiringNew().call(() -> io.quarkus.arc.Arc.container()
                .instance(EntityManager.class).get().createNativeQuery(
                        "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' "
                                + "AND data_type IN ('text', 'character varying', 'jsonb')").getResultList());
        long n = 0;
        for (Object c : columns) {
            String[] tc = c.toString().split("\\.");
            n += Api.count("SELECT count(*) FROM \"" + tc[0] + "\" WHERE \"" + tc[1] + "\"::text ILIKE '%" + s + "%'");
        }
        return n;
    }
}
