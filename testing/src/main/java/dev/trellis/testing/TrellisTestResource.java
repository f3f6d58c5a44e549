package dev.trellis.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The real infrastructure for a service's {@code @QuarkusTest}s: the in-JVM Kafka broker (topics pre-created),
 * a fresh PostgreSQL database {@code <service db>_test} and the test JWT keys.
 * Init arg {@code database}: the test database name (e.g. trellis_invitation_test).
 */
public class TrellisTestResource implements QuarkusTestResourceLifecycleManager {
    private String database;
    /** The init args, for a subclass. */
    protected Map<String, String> initArgs;

    @Override
    public void init(Map<String, String> initArgs) {
        this.initArgs = Map.copyOf(initArgs);
        database = initArgs.get("database");
        if (database == null) {
            throw new IllegalArgumentException("TrellisTestResource needs the init arg 'database'");
        }
    }

    @Override
    public Map<String, String> start() {
        TestDatabases.recreate(database);
        Map<String, String> config = new HashMap<>();
        config.putAll(kafka());
        config.put("quarkus.datasource.jdbc.url", TestDatabases.jdbcUrl(database));
        config.put("quarkus.datasource.username", TestDatabases.user());
        config.put("quarkus.datasource.password", TestDatabases.password());
        // the key vault: a test database of this service's own (services' test runs may overlap)
        String keys = database.replaceFirst("_(test|systest)$", "_keys_$1");
        TestDatabases.recreate(keys);
        config.put("quarkus.datasource.keys.jdbc.url", TestDatabases.jdbcUrl(keys));
        config.put("quarkus.datasource.keys.username", TestDatabases.user());
        config.put("quarkus.datasource.keys.password", TestDatabases.password());
        config.put("mp.jwt.verify.publickey.location", TestKeys.publicKeyFile().toUri().toString());
        config.put("smallrye.jwt.sign.key.location", TestKeys.privateKeyFile().toUri().toString());
        config.put("trellis.outbox.poll-interval", "PT0.5S");
        return config;
    }

    /** The Kafka settings of the service under test: the shared plaintext broker. */
    protected Map<String, String> kafka() {
        return Map.of("kafka.bootstrap.servers", InJvmKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker is shared by every test of the JVM and stops with it
    }
}
