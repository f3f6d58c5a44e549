package dev.trellis.profile.api;

import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every paged list of profile-service (every GET operation of the OpenAPI document with a page parameter) takes
 * page and size through the platform's Paging: a page so large that page * size overflows an int is a 400 problem,
 * and the highest allowed page with the largest size is an empty page, never a 500.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class ListPagingApiTest {

    @Test
    void a_huge_page_is_a_400_problem_on_every_list_and_the_last_allowed_page_is_empty() {
        Api.M m = Api.signUp("Page", "Turner");
        String group = m.as().contentType(ContentType.JSON).body("{\"name\":\"Paging club\"}").post("/groups").then()
                .statusCode(201).extract().path("groupId");
        Map<String, String> lists = Map.of(
                "/members/{memberId}/followers", "/members/" + m.id() + "/followers",
                "/members/{memberId}/following", "/members/" + m.id() + "/following",
                "/groups", "/groups",
                "/groups/{groupId}/members", "/groups/" + group + "/members",
                "/members/me/groups", "/members/me/groups",
                "/search/members", "/search/members?q=page");

        Set<String> paged = new TreeSet<>();
        Map<String, Map<String, Map<String, Object>>> paths = given().get("/q/openapi?format=json").then()
                .statusCode(200).extract().path("paths");
        paths.forEach((path, ops) -> {
            Map<String, Object> get = ops.get("get");
            if (get != null && String.valueOf(get.get("parameters")).contains("name=page")) {
                paged.add(path);
            }
        });
        assertEquals(paged, new TreeSet<>(lists.keySet()), "every paged list is checked");

        for (String url : lists.values()) {
            String sep = url.contains("?") ? "&" : "?";
            for (String bad : List.of("page=1073741824&size=2", "page=2147483647&size=100", "page=1000001",
                    "page=-1", "page=x", "page=99999999999", "size=0", "size=101", "size=-5")) {
                m.as().get(url + sep + bad).then().statusCode(400).contentType("application/problem+json")
                        .body("reason", equalTo("validation-failed"))
                        .body("errors.field", hasItem(bad.startsWith("size") ? "size" : "page"));
            }
            m.as().get(url + sep + "page=1000000&size=100").then().statusCode(200).body("items.size()", equalTo(0))
                    .body("page", equalTo(1_000_000));
        }
    }
}
