package dev.trellis.profile.api;

import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Search by name, company, school and location, paged, with the degree from the searcher and privacy kept. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class SearchApiTest {

    static void profile(Api.M m, String company, String school, String city) {
        m.as().contentType(ContentType.JSON).body("{\"city\":\"" + city + "\",\"country\":\"UK\","
                        + "\"positions\":[{\"company\":\"" + company + "\",\"title\":\"Engineer\",\"fromYear\":2018}],"
                        + "\"education\":[{\"school\":\"" + school + "\",\"fromYear\":2010,\"toYear\":2014}]}")
                .patch("/profiles/me").then().statusCode(200);
    }

    @Test
    void finds_members_by_name_company_school_and_location_with_degrees() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String surname = "Zq" + tag.replaceAll("[0-9-]", "x");
        Api.M me = Api.signUp("Searcher", "One");
        Api.M first = Api.signUp("Amelia", surname);
        Api.M second = Api.signUp("Amos", surname);
        Api.M third = Api.signUp("Arlo", surname);
        String company = "Globex " + tag;
        profile(first, company, "Leeds " + tag, "Leeds");
        profile(second, company, "York " + tag, "York");
        profile(third, "Initech " + tag, "Leeds " + tag, "Leeds");
        Api.connect(me, first);
        Api.connect(first, second);

        me.as().get("/search/members?q=" + surname.toLowerCase()).then().statusCode(200).body("total", equalTo(3))
                .body("items.memberId", containsInAnyOrder(first.id().toString(), second.id().toString(), third.id().toString()))
                .body("items.find { it.memberId == '" + first.id() + "' }.degree", equalTo(1))
                .body("items.find { it.memberId == '" + second.id() + "' }.degree", equalTo(2))
                .body("items.find { it.memberId == '" + third.id() + "' }.degree", equalTo(3));
        me.as().get("/search/members?q=amelia " + surname).then().statusCode(200)
                .body("items[0].memberId", equalTo(first.id().toString()));
        me.as().get("/search/members?q=" + surname + "  AMEL").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].memberId", equalTo(first.id().toString()));
        me.as().get("/search/members?company=GLOBEX " + tag).then().statusCode(200).body("total", equalTo(2))
                .body("items.memberId", contains(first.id().toString(), second.id().toString()));
        me.as().get("/search/members?school=leeds " + tag + "&location=leeds").then().statusCode(200)
                .body("items.memberId", containsInAnyOrder(first.id().toString(), third.id().toString()));
        me.as().get("/search/members?company=globex " + tag + "&location=york").then().statusCode(200)
                .body("items.memberId", contains(second.id().toString()));
        // paged
        me.as().get("/search/members?q=" + surname + "&size=2").then().statusCode(200).body("items.size()", equalTo(2))
                .body("total", equalTo(3));
        me.as().get("/search/members?q=" + surname + "&size=2&page=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("total", equalTo(3));
        me.as().get("/search/members?q=" + surname + "&size=2&page=5").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("total", equalTo(3));
        // the searcher is not in their own results; wildcards are literal
        first.as().get("/search/members?q=amelia").then().body("items.memberId", not(hasItem(first.id().toString())));
        me.as().get("/search/members?q=%25").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void name_initial_profiles_are_found_out_of_network_only_by_first_name_and_show_the_initial() {
        String tag = UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9-]", "y");
        Api.M hidden = Api.signUp("Quinn" + tag, "Secretname" + tag);
        profile(hidden, "Hooli " + tag, "Oxford " + tag, "Oxford");
        hidden.as().contentType(ContentType.JSON).body("{\"profileVisibility\":\"NAME_INITIAL\"}").put("/profiles/me/privacy")
                .then().statusCode(200);
        Api.M stranger = Api.signUp("Stan", "Ger");
        Api.M friend = Api.signUp("Fred", "Ally");
        Api.connect(hidden, friend);

        stranger.as().get("/search/members?q=quinn" + tag).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].displayName", equalTo("Quinn" + tag + " S.")).body("items[0].restricted", equalTo(true))
                .body("items[0].headline", equalTo(null));
        stranger.as().get("/search/members?q=secretname" + tag).then().statusCode(200).body("total", equalTo(0));
        stranger.as().get("/search/members?q=quinn" + tag + " secretname" + tag).then().statusCode(200).body("total", equalTo(0));
        friend.as().get("/search/members?q=quinn" + tag + " secretname" + tag).then().statusCode(200).body("total", equalTo(1));
        stranger.as().get("/search/members?company=hooli " + tag).then().statusCode(200).body("total", equalTo(0));
        friend.as().get("/search/members?company=hooli " + tag).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].lastName", equalTo("Secretname" + tag)).body("items[0].degree", equalTo(1));
    }

    @Test
    void the_order_of_results_does_not_reveal_the_hidden_last_name_of_a_name_initial_profile() {
        String first = "Orla" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9-]", "w");
        Api.M one = Api.signUp(first, "Mplaceholder");
        Api.M two = Api.signUp(first, "Mplaceholder");
        // the member with the larger id gets the last name that sorts first
        // (PostgreSQL orders uuids by their bytes, as their text; java.util.UUID compares signed longs)
        Api.M small = one.id().toString().compareTo(two.id().toString()) < 0 ? one : two;
        Api.M large = small == one ? two : one;
        for (Api.M m : List.of(small, large)) {
            m.as().contentType(ContentType.JSON).body("{\"lastName\":\"" + (m == large ? "Maaaa" : "Mzzzz") + "\"}")
                    .patch("/profiles/me").then().statusCode(200);
            m.as().contentType(ContentType.JSON).body("{\"profileVisibility\":\"NAME_INITIAL\"}").put("/profiles/me/privacy")
                    .then().statusCode(200);
        }
        Api.M stranger = Api.signUp("Sid", "Outside");
        // both show "<first> M." to the stranger: their order is the tie-break (member id), not the hidden name
        stranger.as().get("/search/members?q=" + first).then().statusCode(200).body("total", equalTo(2))
                .body("items.displayName", contains(first + " M.", first + " M."))
                .body("items.memberId", contains(small.id().toString(), large.id().toString()));
    }

    @Test
    void a_search_needs_a_criterion_and_sane_paging() {
        Api.M me = Api.signUp("Pat", "Query");
        me.as().get("/search/members").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("q"));
        me.as().get("/search/members?q=x&size=500").then().statusCode(400).body("errors.field", hasItem("size"));
        me.as().get("/search/members?q=" + "x".repeat(101)).then().statusCode(400);
        io.restassured.RestAssured.given().get("/search/members?q=x").then().statusCode(401);
    }
}
