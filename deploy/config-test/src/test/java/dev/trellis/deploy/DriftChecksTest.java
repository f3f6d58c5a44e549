package dev.trellis.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker catches drift: fed broken descriptors, it names each problem. */
class DriftChecksTest {

    static final String PLATFORM = """
            quarkus.datasource.username=${TRELLIS_PG_USER:postgres}
            quarkus.datasource.password=${TRELLIS_PG_PASSWORD:}
            quarkus.datasource.jdbc.url=jdbc:postgresql://${TRELLIS_PG_HOST:127.0.0.1}:${TRELLIS_PG_PORT:5432}/${TRELLIS_DB_NAME:${trellis.db.name}}
            quarkus.datasource.keys.username=${TRELLIS_KEYS_DB_USER:${TRELLIS_PG_USER:postgres}}
            quarkus.datasource.keys.password=${TRELLIS_KEYS_DB_PASSWORD:${TRELLIS_PG_PASSWORD:}}
            quarkus.datasource.keys.jdbc.url=jdbc:postgresql://${TRELLIS_KEYS_DB_HOST:${TRELLIS_PG_HOST:127.0.0.1}}:${TRELLIS_PG_PORT:5432}/${TRELLIS_KEYS_DB_NAME:trellis_keys}
            quarkus.datasource.keys.jdbc.max-size=8
            kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:9092}
            mp.jwt.verify.publickey.location=${TRELLIS_JWT_PUBLIC_KEY:deploy/local/.data/keys/publicKey.pem}
            quarkus.log.console.json.enabled=${TRELLIS_LOG_JSON:false}
            %prod.quarkus.log.console.json.enabled=${TRELLIS_LOG_JSON:true}
            %test.quarkus.http.port=0
            mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic=trellis.dlq.${trellis.service.name}
            """;
    static final String DEMO = """
            trellis.service.name=demo
            trellis.db.name=trellis_demo
            quarkus.http.port=8089
            mp.messaging.incoming.profile-events.topic=trellis.profile.events
            """;
    static final String SOURCE = """
            class Relay { Relay(@ConfigProperty(name = "trellis.outbox.poll-interval", defaultValue = "PT2S") Duration d) {} }
            """;

    static ServiceConfig demo() {
        return ServiceConfig.of("demo", PLATFORM, DEMO, List.of(SOURCE));
    }

    static Compose compose(String demoService) {
        String yaml = """
                services:
                  postgres:
                    image: postgres:15
                  kafka-topics:
                    image: apache/kafka
                  kafka:
                    image: apache/kafka
                  demo-service:
                """ + demoService.indent(4) + """
                secrets:
                  jwt_public_key:
                    file: ./pub.pem
                """;
        return Compose.of("test", Repo.yamlDocuments(yaml));
    }

    static final String GOOD_COMPOSE_SERVICE = """
            environment:
              TRELLIS_PG_HOST: postgres
              TRELLIS_PG_USER: demo
              TRELLIS_PG_PASSWORD: secret
              TRELLIS_DB_NAME: trellis_demo
              TRELLIS_KEYS_DB_NAME: trellis_keys
              TRELLIS_KEYS_DB_USER: keys
              TRELLIS_KEYS_DB_PASSWORD: vault-secret
              KAFKA_BOOTSTRAP_SERVERS: kafka:9092
              TRELLIS_JWT_PUBLIC_KEY: /run/secrets/jwt_public_key
            secrets: [jwt_public_key]
            ports: ["8089:8089"]
            depends_on:
              postgres: {condition: service_healthy}
              kafka-topics: {condition: service_completed_successfully}
            healthcheck:
              test: ["CMD", "curl", "-f", "http://127.0.0.1:8089/q/health/ready"]
            """;
    static final Map<String, String> OWNERS = Map.of("trellis_demo", "demo", "trellis_keys", "keys");

    @Test
    void readsWhatTheFilesAndTheCodeSay() {
        ServiceConfig cfg = demo();
        assertTrue(cfg.reads("TRELLIS_PG_HOST"));          // ${TRELLIS_PG_HOST:...}
        assertTrue(cfg.reads("QUARKUS_HTTP_PORT"));        // quarkus.http.port
        assertTrue(cfg.reads("KAFKA_BOOTSTRAP_SERVERS"));  // both
        assertTrue(cfg.reads("TRELLIS_OUTBOX_POLL_INTERVAL")); // @ConfigProperty
        assertTrue(cfg.reads("JAVA_MAX_MEM_RATIO"));       // the image's launcher
        assertFalse(cfg.reads("TRELLIS_PG_HOSTNAME"));
        assertFalse(cfg.reads("TRELLIS_JWT_PRIVATE_KEY")); // profile-service's, not demo's
        // TRELLIS_KEYS_DB_HOST falls back to TRELLIS_PG_HOST (required itself), so it is not required
        assertEquals(Set.of("TRELLIS_PG_HOST", "TRELLIS_PG_USER", "TRELLIS_PG_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
                "TRELLIS_JWT_PUBLIC_KEY"), cfg.requiredEnv());
        assertTrue(cfg.reads("TRELLIS_KEYS_DB_HOST"));
        assertEquals(new ServiceConfig.KeyVault("pg", "trellis_keys", "demo", false),
                cfg.keyVault(Map.of("TRELLIS_PG_HOST", "pg", "TRELLIS_PG_USER", "demo")));
        assertEquals(new ServiceConfig.KeyVault("vault", "keys_db", "keys", true), cfg.keyVault(Map.of("TRELLIS_PG_HOST", "pg",
                "TRELLIS_KEYS_DB_HOST", "vault", "TRELLIS_KEYS_DB_NAME", "keys_db", "QUARKUS_DATASOURCE_KEYS_USERNAME", "keys",
                "TRELLIS_KEYS_DB_PASSWORD", "k")));
        assertEquals(8089, cfg.httpPort());                 // %test.quarkus.http.port=0 does not count
        assertEquals("trellis_demo", cfg.databaseName());
        assertEquals("trellis.dlq.demo", cfg.deadLetterTopic());
        assertEquals("/q/health/ready", cfg.healthPath("ready"));
    }

    @Test
    void aCorrectComposeServicePasses() {
        assertEquals(List.of(), DriftChecks.composeService(demo(), compose(GOOD_COMPOSE_SERVICE), OWNERS));
    }

    @Test
    void composeVariableNobodyReadsOrMissingIsReported() {
        String broken = GOOD_COMPOSE_SERVICE
                .replace("TRELLIS_PG_HOST: postgres", "TRELLIS_PG_HOSTNAME: postgres")
                .replace("  TRELLIS_PG_PASSWORD: secret\n", "");
        List<String> problems = DriftChecks.composeService(demo(), compose(broken), OWNERS);
        assertMentions(problems, "sets TRELLIS_PG_HOSTNAME, which demo-service does not read");
        assertMentions(problems, "does not set TRELLIS_PG_HOST,");
        assertMentions(problems, "does not set TRELLIS_PG_PASSWORD,");
    }

    @Test
    void composePortsAndHealthcheckMustMatchTheService() {
        String broken = GOOD_COMPOSE_SERVICE
                .replace("\"8089:8089\"", "\"8089:8080\"")
                .replace("8089/q/health/ready", "8080/health");
        List<String> problems = DriftChecks.composeService(demo(), compose(broken), OWNERS);
        assertMentions(problems, "publishes container port 8080, but the service listens on 8089");
        assertMentions(problems, "healthcheck calls port 8080");
        assertMentions(problems, "calls /health, which is no SmallRye Health path");
    }

    @Test
    void quarkusHttpPortInTheEnvironmentMovesTheExpectedPort() {
        String moved = GOOD_COMPOSE_SERVICE.replace("KAFKA_BOOTSTRAP_SERVERS: kafka:9092",
                "KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n  QUARKUS_HTTP_PORT: \"9000\"");
        List<String> problems = DriftChecks.composeService(demo(), compose(moved), OWNERS);
        assertMentions(problems, "publishes container port 8089, but the service listens on 9000");
    }

    @Test
    void composeHostsSecretsAndDatabaseMustExist() {
        String broken = GOOD_COMPOSE_SERVICE
                .replace("KAFKA_BOOTSTRAP_SERVERS: kafka:9092", "KAFKA_BOOTSTRAP_SERVERS: kafka:9092,kafka-9:9092")
                .replace("secrets: [jwt_public_key]", "secrets: []")
                .replace("TRELLIS_PG_USER: demo", "TRELLIS_PG_USER: other");
        List<String> problems = DriftChecks.composeService(demo(), compose(broken), OWNERS);
        assertMentions(problems, "names kafka-9, which is no service");
        assertMentions(problems, "does not mount secret jwt_public_key");
        assertMentions(problems, "TRELLIS_PG_USER=other, but database trellis_demo is owned by role demo");
    }

    @Test
    void composeKeyVaultMustBeCreatedAndLoggedInToAsItsOwner() {
        String defaults = GOOD_COMPOSE_SERVICE
                .replace("  TRELLIS_KEYS_DB_USER: keys\n", "")
                .replace("  TRELLIS_KEYS_DB_PASSWORD: vault-secret\n", "");
        List<String> problems = DriftChecks.composeService(demo(), compose(defaults), OWNERS);
        assertMentions(problems, "logs in to the key vault trellis_keys as demo, but it is owned by role keys");
        assertMentions(problems, "does not set TRELLIS_KEYS_DB_PASSWORD");

        assertMentions(DriftChecks.composeService(demo(), compose(GOOD_COMPOSE_SERVICE), Map.of("trellis_demo", "demo")),
                "uses key vault database trellis_keys (TRELLIS_KEYS_DB_NAME), which the PostgreSQL init script does not create");
        String elsewhere = GOOD_COMPOSE_SERVICE.replace("TRELLIS_KEYS_DB_NAME: trellis_keys",
                "TRELLIS_KEYS_DB_NAME: trellis_keys\n  TRELLIS_KEYS_DB_HOST: vault");
        assertMentions(DriftChecks.composeService(demo(), compose(elsewhere), OWNERS),
                "the key vault's host vault (TRELLIS_KEYS_DB_HOST) is no service of the project");
    }

    @Test
    void servicesWithDifferentKeyVaultsAreReported() {
        ServiceConfig.KeyVault one = new ServiceConfig.KeyVault("pg", "trellis_keys", "keys", true);
        assertEquals(List.of(), DriftChecks.oneKeyVault("here", Map.of("a-service", one, "b-service", one)));
        List<String> problems = DriftChecks.oneKeyVault("here", Map.of("a-service", one,
                "b-service", new ServiceConfig.KeyVault("pg", "trellis_b", "keys", true)));
        assertMentions(problems, "here: the services use different key vaults");
        assertMentions(problems, "pg/trellis_b=[b-service]");
    }

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo-service
            spec:
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  enableServiceLinks: false
                  securityContext: {runAsNonRoot: true}
                  containers:
                    - name: demo-service
                      ports: [{name: http, containerPort: 8089}]
                      envFrom: [{configMapRef: {name: common}}]
                      env:
                        - {name: TRELLIS_DB_NAME, value: trellis_demo}
                        - name: TRELLIS_PG_USER
                          valueFrom: {secretKeyRef: {name: db-demo, key: username}}
                        - name: TRELLIS_PG_PASSWORD
                          valueFrom: {secretKeyRef: {name: db-demo, key: password}}
                        - name: TRELLIS_KEYS_DB_USER
                          valueFrom: {secretKeyRef: {name: db-keys, key: username}}
                        - name: TRELLIS_KEYS_DB_PASSWORD
                          valueFrom: {secretKeyRef: {name: db-keys, key: password}}
                      startupProbe: {httpGet: {path: /q/health/started, port: http}}
                      livenessProbe: {httpGet: {path: /q/health/live, port: http}}
                      readinessProbe: {httpGet: {path: /q/health/ready, port: http}}
                      volumeMounts: [{name: jwt, mountPath: /etc/jwt}]
                  volumes:
                    - {name: jwt, secret: {secretName: jwt-public}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: demo-service}
            spec:
              selector: {app: demo}
              ports: [{port: 8089, targetPort: http}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: demo-service}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: demo}}
            ---
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata: {name: pg}
            spec:
              bootstrap: {initdb: {database: trellis_demo, owner: demo, secret: {name: db-demo}}}
              managed: {roles: [{name: keys, passwordSecret: {name: db-keys}}]}
            ---
            apiVersion: postgresql.cnpg.io/v1
            kind: Database
            metadata: {name: keys}
            spec: {name: trellis_keys, owner: keys, cluster: {name: pg}}
            """;
    static final String KUSTOMIZATION = """
            resources: [all.yaml]
            configMapGenerator:
              - name: common
                literals:
                  - KAFKA_BOOTSTRAP_SERVERS=kafka:9092
                  - TRELLIS_PG_HOST=pg-rw
                  - TRELLIS_KEYS_DB_NAME=trellis_keys
                  - TRELLIS_JWT_PUBLIC_KEY=/etc/jwt/publicKey.pem
            secretGenerator:
              - name: jwt-public
                files: [publicKey.pem=secrets/publicKey.pem]
              - name: db-demo
                literals: [username=demo]
                files: [password=secrets/demo.password]
              - name: db-keys
                literals: [username=keys]
                files: [password=secrets/keys.password]
            """;

    static Kustomization kustomization(Path dir, String resources, String kustomization) throws IOException {
        Files.writeString(dir.resolve("all.yaml"), resources);
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        return Kustomization.load(dir);
    }

    @Test
    void aCorrectDeploymentPasses(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), DriftChecks.deployment(demo(), kustomization(dir, DEPLOYMENT, KUSTOMIZATION)));
    }

    @Test
    void deploymentDriftIsReported(@TempDir Path dir) throws IOException {
        String broken = DEPLOYMENT
                .replace("containerPort: 8089", "containerPort: 8080")
                .replace("path: /q/health/live", "path: /q/health/liveness")
                .replaceAll("(?m)^\\s*startupProbe:.*\\n", "")
                .replace("enableServiceLinks: false", "enableServiceLinks: true");
        String brokenKustomization = KUSTOMIZATION
                .replace("- TRELLIS_JWT_PUBLIC_KEY=/etc/jwt/publicKey.pem", "- TRELLIS_JWT_PUBLIC_KEY=/etc/jwt/public.pem\n      - TRELLIS_KAFKA_SERVERS=kafka:9092")
                .replace("literals: [username=demo]", "literals: [username=someone]");
        List<String> problems = DriftChecks.deployment(demo(), kustomization(dir, broken, brokenKustomization));
        assertMentions(problems, "declares containerPort [8080], but the service listens on 8089");
        assertMentions(problems, "has no startupProbe");
        assertMentions(problems, "livenessProbe path is /q/health/liveness");
        assertMentions(problems, "readinessProbe port http is 8080, but the service listens on 8089");
        assertMentions(problems, "sets TRELLIS_KAFKA_SERVERS, which demo-service does not read");
        assertMentions(problems, "TRELLIS_JWT_PUBLIC_KEY=/etc/jwt/public.pem is not a key of Secret jwt-public");
        assertMentions(problems, "enableServiceLinks: false");
        assertMentions(problems, "logs in as someone, but database trellis_demo is owned by demo");
    }

    @Test
    void deploymentKeyVaultMustBeCreatedAndLoggedInToWithItsRolesSecret(@TempDir Path dir) throws IOException {
        String wrongSecret = DEPLOYMENT.replace("{secretKeyRef: {name: db-keys, key: password}}",
                "{secretKeyRef: {name: db-demo, key: password}}");
        assertMentions(DriftChecks.deployment(demo(), kustomization(dir, wrongSecret, KUSTOMIZATION)),
                "TRELLIS_KEYS_DB_PASSWORD comes from Secret db-demo, but CloudNativePG sets role keys's password from db-keys");

        String noVaultLogin = DEPLOYMENT.replaceAll("(?m)^ *- name: TRELLIS_KEYS_DB_(USER|PASSWORD)\\n.*\\n", "");
        List<String> problems = DriftChecks.deployment(demo(), kustomization(dir, noVaultLogin, KUSTOMIZATION));
        assertMentions(problems, "logs in to the key vault trellis_keys as demo, but it is owned by role keys");
        assertMentions(problems, "does not set TRELLIS_KEYS_DB_PASSWORD");

        String noDatabase = DEPLOYMENT.substring(0, DEPLOYMENT.lastIndexOf("---"));
        assertMentions(DriftChecks.deployment(demo(), kustomization(dir, noDatabase, KUSTOMIZATION)),
                "uses key vault database trellis_keys (TRELLIS_KEYS_DB_NAME), which no CloudNativePG Cluster (initdb) or Database creates");
    }

    @Test
    void dockerfileDriftIsReported() {
        String good = """
                FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24
                COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/
                EXPOSE 8089
                USER 185
                HEALTHCHECK --interval=10s \\
                  CMD curl -fsS "http://127.0.0.1:${QUARKUS_HTTP_PORT:-8089}/q/health/ready" || exit 1
                """;
        assertEquals(List.of(), DriftChecks.dockerfile(demo(), "Dockerfile", good));
        List<String> problems = DriftChecks.dockerfile(demo(), "Dockerfile",
                good.replace("EXPOSE 8089", "EXPOSE 8080").replace(":-8089}", ":-8080}").replace("USER 185", "USER root"));
        assertMentions(problems, "EXPOSEs [8080], but quarkus.http.port is 8089");
        assertMentions(problems, "HEALTHCHECK uses port 8080");
        assertMentions(problems, "runs as root");
    }

    @Test
    void topicDriftIsReported() {
        List<String> problems = DriftChecks.topicSet("here", Set.of("a", "c"), Set.of("a", "b"));
        assertMentions(problems, "lacks topic(s) [b]");
        assertMentions(problems, "creates topic(s) [c]");
    }

    static void assertMentions(List<String> problems, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(text)),
                () -> "no problem mentions '" + text + "' in:\n  " + String.join("\n  ", problems));
    }
}
