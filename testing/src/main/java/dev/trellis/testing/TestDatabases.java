package dev.trellis.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Creates fresh PostgreSQL databases for tests (dropped first), never touching the local suite's databases. */
public final class TestDatabases {
    public static String host() {
        return env("TRELLIS_PG_HOST", "127.0.0.1");
    }

    public static String port() {
        return env("TRELLIS_PG_PORT", "5432");
    }

    public static String user() {
        return env("TRELLIS_PG_USER", "postgres");
    }

    public static String password() {
        return env("TRELLIS_PG_PASSWORD", "");
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Drops (if present) and creates {@code database}. Names must end in "_test" or "_systest". */
    public static void recreate(String database) {
        if (!database.matches("[a-z0-9_]+_(test|systest)")) {
            throw new IllegalArgumentException("refusing to drop a non-test database: " + database);
        }
        Properties p = new Properties();
        p.setProperty("user", user());
        p.setProperty("password", password());
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), p); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database
                    + " on " + host() + ":" + port() + " (is PostgreSQL running? see .ci/run)", e);
        }
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    private TestDatabases() {
    }
}
