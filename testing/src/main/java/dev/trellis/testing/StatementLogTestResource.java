package dev.trellis.testing;

import java.util.Map;

/**
 * {@link TrellisTestResource} with the service's database connections going through {@link PgStatementLog}, so a
 * test can count the SQL statements and round trips of one command. Init arg {@code database} as there.
 */
public class StatementLogTestResource extends TrellisTestResource {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        String url = config.get("quarkus.datasource.jdbc.url");
        String database = url.substring(url.lastIndexOf('/') + 1);
        int port = PgStatementLog.start(TestDatabases.host(), Integer.parseInt(TestDatabases.port()));
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?sslmode=disable");
        return config;
    }
}
