package dev.trellis.systest;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A member signed up through profile-service, with their bearer token. */
record Member(UUID id, String firstName, String token) {

    static Member signUp(Suite suite, String first, String last) {
        String email = first.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        var r = given().baseUri(suite.url("profile")).contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"firstName\":\"" + first
                        + "\",\"lastName\":\"" + last + "\",\"headline\":\"" + first + " at Trellis\"}")
                .post("/members").then().statusCode(201).extract();
        return new Member(UUID.fromString(r.path("memberId")), first, r.path("token"));
    }

    RequestSpecification at(Suite suite, String service) {
        return given().baseUri(suite.url(service)).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }
}
