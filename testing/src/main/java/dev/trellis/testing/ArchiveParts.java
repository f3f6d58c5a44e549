package dev.trellis.testing;

import io.restassured.path.json.JsonPath;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Steps of the archive-part tests (GET /members/me/archive-part): rows written directly, the part as a member reads it. */
public final class ArchiveParts {
    public static final String PATH = "/members/me/archive-part";

    private ArchiveParts() {
    }

    /** One statement on its own connection (auto-commit), parameters bound in order with setObject. */
    public static void sql(DataSource dataSource, String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    /** The member's part: 200, JSON. */
    public static JsonPath part(UUID as) {
        return given().header("Authorization", TestTokens.bearer(as)).get(PATH).then()
                .statusCode(200).contentType("application/json").extract().jsonPath();
    }

    /** The member's part as text (to look for what must not be in it). */
    public static String raw(UUID as) {
        return given().header("Authorization", TestTokens.bearer(as)).get(PATH).asString();
    }

    /** Without a token: 401. */
    public static void requiresToken() {
        given().get(PATH).then().statusCode(401);
    }
}
