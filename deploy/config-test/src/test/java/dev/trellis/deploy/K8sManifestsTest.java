package dev.trellis.deploy;

import static dev.trellis.deploy.Repo.at;
import static dev.trellis.deploy.Repo.list;
import static dev.trellis.deploy.Repo.map;
import static dev.trellis.deploy.Repo.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every overlay with `kubectl kustomize` and checks the objects as strictly as can be done
 * without a cluster: each one read into its typed model with unknown fields refused ({@link StrictModels}),
 * and the rules of {@link K8sRules}. The second half feeds deliberately broken copies of the rendered
 * production overlay and checks that each check names the problem.
 */
class K8sManifestsTest {

    private static final Path ROOT = Repo.root();
    private static final String NAMESPACE = "trellis";
    private static final Map<String, ServiceConfig> CONFIGS = new LinkedHashMap<>();
    private static final Map<String, Rendered> RENDERED = new LinkedHashMap<>();

    static {
        ServiceConfig.discover(ROOT).forEach(s -> CONFIGS.put(s, ServiceConfig.load(ROOT, s)));
    }

    private static final ToIntFunction<Map<String, Object>> PER_POD = K8sRules.trellisPerPod(ROOT, CONFIGS);

    static synchronized Rendered rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Rendered::render);
    }

    @Test
    void bothOverlaysAreThere() {
        assertTrue(Rendered.overlays().containsAll(List.of("local", "production")), "overlays: " + Rendered.overlays());
    }

    @TestFactory
    Stream<DynamicTest> everyObjectReadsAsItsTypedModel() {
        return Rendered.overlays().stream().map(o -> DynamicTest.dynamicTest(o, () -> {
            List<String> problems = new ArrayList<>();
            rendered(o).objects().forEach(obj -> problems.addAll(StrictModels.check(obj)));
            assertNoProblems(o, problems);
        }));
    }

    @TestFactory
    Stream<DynamicTest> rules() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String o : Rendered.overlays()) {
            List<Map<String, Object>> objects = rendered(o).objects();
            tests.add(DynamicTest.dynamicTest(o + ": namespace on every object",
                    () -> assertNoProblems(o, K8sRules.namespaces(objects, NAMESPACE))));
            tests.add(DynamicTest.dynamicTest(o + ": no spec.replicas under an HPA",
                    () -> assertNoProblems(o, K8sRules.noReplicasUnderHpa(objects))));
            tests.add(DynamicTest.dynamicTest(o + ": connections under max_connections",
                    () -> assertNoProblems(o, K8sRules.connections(objects, PER_POD))));
        }
        tests.add(DynamicTest.dynamicTest("production: Kafka over TLS with SCRAM, a KafkaUser with ACLs per service",
                () -> assertNoProblems("production", K8sRules.kafkaSecurity(rendered("production").objects(), CONFIGS))));
        tests.add(DynamicTest.dynamicTest("production: fully qualified, immutable images",
                () -> assertNoProblems("production", K8sRules.qualifiedImages(rendered("production").objects()))));
        return tests.stream();
    }

    /** What the rules count must be what the manifests' comments and deploy/README.md say. */
    @Test
    void perPodConnectionsAreThePoolPlusTheDirectOnes() {
        Map<String, Object> notification = find(rendered("production").objects(), "Deployment", "notification-service");
        Map<String, Object> connection = find(rendered("production").objects(), "Deployment", "connection-service");
        assertEquals(31, PER_POD.applyAsInt(notification),
                "notification-service: pool 20 + key vault pool 8 + relay LISTEN + badge LISTEN + the reminder sweep's lock session");
        assertEquals(30, PER_POD.applyAsInt(connection),
                "connection-service: pool 20 + key vault pool 8 + relay LISTEN + the projection rebuild's lock session");
    }

    // ------------------------------------------------------------------------------------- broken inputs

    @Test
    void aMisspeltFieldIsRefusedInEveryModel() {
        assertBroken(StrictModels::check, "Deployment", "connection-service",
                d -> map(at(d, "spec", "template", "spec")).put("terminationGracePeriod", 30),
                "unknown field spec.template.spec.terminationGracePeriod");
        assertBroken(StrictModels::check, "Kafka", "trellis",
                k -> map(at(k, "spec", "kafka")).put("listner", List.of()), "unknown field spec.kafka.listner");
        assertBroken(StrictModels::check, "KafkaNodePool", "controller",
                k -> map(k.get("spec")).put("replica", 3), "unknown field spec.replica");
        assertBroken(StrictModels::check, "Cluster", "trellis-pg",
                c -> map(c.get("spec")).put("instance", 3), "unknown field spec.instance");
        assertBroken(StrictModels::check, "ScheduledBackup", "trellis-pg-nightly",
                b -> map(b.get("spec")).put("method", "barman"), "spec.method is barman, not one of");
        assertBroken(StrictModels::check, "ObjectStore", "trellis-backups",
                s -> map(at(s, "spec", "configuration", "wal")).put("compresion", "gzip"),
                "unknown field spec.configuration.wal.compresion");
        assertBroken(StrictModels::check, "Service", "profile-service",
                s -> map(s.get("metadata")).put("label", Map.of("a", "b")), "unknown field metadata.label");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        assertBroken(StrictModels::check, "Deployment", "profile-service",
                d -> map(at(d, "spec", "template", "spec")).put("automountServiceAccountToken", Map.of("x", 1)),
                "automountServiceAccountToken");
        assertBroken(StrictModels::check, "Cluster", "trellis-pg",
                c -> map(c.get("spec")).put("instances", "three"), "spec.instances must be of type integer");
    }

    @Test
    void aWrongApiVersionIsRefused() {
        assertBroken(StrictModels::check, "Kafka", "trellis",
                k -> k.put("apiVersion", "kafka.strimzi.io/v1beta2"), "must be kafka.strimzi.io/v1");
        assertBroken(StrictModels::check, "Deployment", "profile-service",
                d -> d.put("apiVersion", "apps/v1beta3"), "no Kubernetes type Deployment in apps/v1beta3");
        assertBroken(StrictModels::check, "HorizontalPodAutoscaler", "connection-service",
                d -> d.put("kind", "HorizontalPodAutoscalr"), "no Kubernetes type HorizontalPodAutoscalr");
        assertBroken(StrictModels::check, "Cluster", "trellis-pg",
                c -> c.put("apiVersion", "postgresql.cnpg.io/v2"), "no checked-in schema");
    }

    @Test
    void aFieldThatStrimziV1DroppedIsRefused() {
        assertBroken(StrictModels::check, "Kafka", "trellis",
                k -> map(at(k, "spec", "kafka")).put("replicas", 3), "spec.kafka.replicas is not in kafka.strimzi.io/v1");
    }

    @Test
    void aMissingNamespaceIsReported() {
        List<Map<String, Object>> objects = copy(rendered("production").objects());
        map(find(objects, "KafkaNodePool", "controller").get("metadata")).remove("namespace");
        assertMentions(K8sRules.namespaces(objects, NAMESPACE), "KafkaNodePool/controller has namespace (none");
    }

    @Test
    void replicasOnAnAutoscaledDeploymentAreReported() {
        List<Map<String, Object>> objects = copy(rendered("production").objects());
        map(find(objects, "Deployment", "notification-service").get("spec")).put("replicas", 2);
        assertMentions(K8sRules.noReplicasUnderHpa(objects), "Deployment/notification-service sets spec.replicas 2");
    }

    @Test
    void tooManyConnectionsAreReported() {
        List<Map<String, Object>> objects = copy(rendered("production").objects());
        map(at(find(objects, "HorizontalPodAutoscaler", "notification-service"), "spec")).put("maxReplicas", 30);
        assertMentions(K8sRules.connections(objects, PER_POD), "notification-service 31x31");

        List<Map<String, Object>> small = copy(rendered("production").objects());
        map(at(find(small, "Cluster", "trellis-pg"), "spec", "postgresql", "parameters")).put("max_connections", "400");
        assertMentions(K8sRules.connections(small, PER_POD), "more than Cluster/trellis-pg's max_connections 400");

        List<Map<String, Object>> biggerPool = copy(rendered("local").objects());
        Map<String, Object> container = map(list(at(find(biggerPool, "Deployment", "invitation-service"),
                "spec", "template", "spec", "containers")).get(0));
        List<Object> env = new ArrayList<>(list(container.get("env")));
        env.add(new LinkedHashMap<>(Map.of("name", "QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "value", "100")));
        container.put("env", env);
        assertMentions(K8sRules.connections(biggerPool, PER_POD), "invitation-service 2x110");

        // the key vault's pool counts too
        List<Object> keysEnv = new ArrayList<>(list(container.get("env")));
        keysEnv.add(new LinkedHashMap<>(Map.of("name", "QUARKUS_DATASOURCE_KEYS_JDBC_MAX_SIZE", "value", "50")));
        container.put("env", keysEnv);
        assertMentions(K8sRules.connections(biggerPool, PER_POD), "invitation-service 2x152");
    }

    @Test
    void unqualifiedOrMutableImagesAreReported() {
        List<Map<String, Object>> objects = copy(rendered("production").objects());
        Map<String, Object> container = map(list(at(find(objects, "Deployment", "profile-service"),
                "spec", "template", "spec", "containers")).get(0));
        container.put("image", "trellis/profile-service:0.1.0");
        map(at(find(objects, "Cluster", "trellis-pg"), "spec")).put("imageName", "ghcr.io/cloudnative-pg/postgresql:15");
        List<String> problems = K8sRules.qualifiedImages(objects);
        assertMentions(problems, "image trellis/profile-service:0.1.0 names no registry host");
        assertMentions(problems, "is a rolling major tag");
        assertEquals(null, K8sRules.unqualified("registry.example.com/trellis/x@sha256:" + "a".repeat(64)));
        assertEquals(null, K8sRules.unqualified("localhost:5000/trellis/x:1.2.3"));
        assertTrue(K8sRules.unqualified("registry.example.com/trellis/x:0.1.0-SNAPSHOT").contains("mutable"));
        assertTrue(K8sRules.unqualified("registry.example.com/trellis/x:latest").contains("mutable"));
        assertTrue(K8sRules.unqualified("registry.example.com/trellis/x").contains("no tag"));
    }

    @Test
    void kafkaWithoutTlsLoginsOrAclsIsReported() {
        List<Map<String, Object>> plain = copy(rendered("production").objects());
        Map<String, Object> listener = map(list(at(find(plain, "Kafka", "trellis"), "spec", "kafka", "listeners")).get(0));
        listener.put("tls", false);
        listener.remove("authentication");
        map(at(find(plain, "Kafka", "trellis"), "spec", "kafka")).remove("authorization");
        List<String> problems = K8sRules.kafkaSecurity(plain, CONFIGS);
        assertMentions(problems, "Kafka/trellis listener tls has no TLS");
        assertMentions(problems, "authenticates with null, not scram-sha-512");
        assertMentions(problems, "Kafka/trellis has no simple authorization");
        assertMentions(problems, "KAFKA_BOOTSTRAP_SERVERS trellis-kafka-bootstrap:9093 is not on a TLS listener's port []");

        List<Map<String, Object>> noLogin = copy(rendered("production").objects());
        Map<String, Object> recommendation = map(list(at(find(noLogin, "Deployment", "recommendation-service"),
                "spec", "template", "spec", "containers")).get(0));
        recommendation.put("env", list(recommendation.get("env")).stream()
                .filter(e -> !"KAFKA_SASL_JAAS_CONFIG".equals(str(map(e).get("name")))).toList());
        map(list(recommendation.get("volumeMounts")).stream().filter(m -> "kafka-ca".equals(str(map(m).get("name"))))
                .findFirst().orElseThrow()).put("readOnly", false);
        problems = K8sRules.kafkaSecurity(noLogin, CONFIGS);
        assertMentions(problems, "Deployment/recommendation-service: KAFKA_SASL_JAAS_CONFIG is not the key sasl.jaas.config");
        assertMentions(problems, "Deployment/recommendation-service: KAFKA_SSL_TRUSTSTORE_LOCATION /etc/trellis/kafka-ca/ca.p12 is on a mount that is not readOnly");

        List<Map<String, Object>> fewerAcls = copy(rendered("production").objects());
        Map<String, Object> user = find(fewerAcls, "KafkaUser", "trellis-recommendation");
        Map<String, Object> authorization = map(at(user, "spec", "authorization"));
        authorization.put("acls", list(authorization.get("acls")).stream()
                .filter(a -> !"trellis.connection.events".equals(str(at(a, "resource", "name")))).toList());
        fewerAcls.remove(find(fewerAcls, "KafkaUser", "trellis-notification"));
        problems = K8sRules.kafkaSecurity(fewerAcls, CONFIGS);
        assertMentions(problems, "KafkaUser/trellis-recommendation (recommendation-service) has no ACL for Read on topic trellis.connection.events");
        assertMentions(problems, "Deployment/notification-service logs in as trellis-notification, but there is no KafkaUser trellis-notification");
        assertEquals(2, problems.size(), String.join("\n", problems));
    }

    @Test
    void theWrittenTopicsComeFromTheEventsModule() {
        assertEquals(java.util.Set.of("trellis.recommendation.events"), K8sRules.producedTopics("recommendation"));
        assertEquals(java.util.Set.of("trellis.notification.events"), K8sRules.producedTopics("notification"));
    }

    @Test
    void aKafkaVariableMustNameARealClientSetting() {
        assertEquals("sasl.jaas.config", ServiceConfig.kafkaClientSetting("KAFKA_SASL_JAAS_CONFIG"));
        assertEquals("ssl.truststore.location", ServiceConfig.kafkaClientSetting("KAFKA_SSL_TRUSTSTORE_LOCATION"));
        assertEquals(null, ServiceConfig.kafkaClientSetting("KAFKA_SASL_MECHANSIM"));
        assertEquals(null, ServiceConfig.kafkaClientSetting("TRELLIS_KAFKA_SERVERS"));
    }

    @Test
    void kubectlIsFoundAsCiFindsIt() {
        String kubectl = Rendered.kubectl();
        assertTrue(Path.of(kubectl).isAbsolute() || System.getenv("KUBECTL") != null, kubectl);
    }

    // ------------------------------------------------------------------------------------- helpers

    /** Breaks a copy of one rendered production object and checks that the check names the problem. */
    private static void assertBroken(java.util.function.Function<Map<String, Object>, List<String>> check,
                                     String kind, String name, Consumer<Map<String, Object>> breakIt, String expected) {
        Map<String, Object> object = copy(List.of(find(rendered("production").objects(), kind, name))).get(0);
        assertEquals(List.of(), check.apply(object), kind + "/" + name + " must pass before it is broken");
        breakIt.accept(object);
        assertMentions(check.apply(object), expected);
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(str(at(o, "metadata", "name"))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> copy(List<Map<String, Object>> objects) {
        List<Map<String, Object>> out = new ArrayList<>();
        objects.forEach(o -> out.add((Map<String, Object>) deepCopy(o)));
        return out;
    }

    private static Object deepCopy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(str(k), deepCopy(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(deepCopy(v)));
            return c;
        }
        return o;
    }

    private static void assertNoProblems(String overlay, List<String> problems) {
        assertTrue(problems.isEmpty(), "overlays/" + overlay + ":\n  " + String.join("\n  ", problems));
    }

    private static void assertMentions(List<String> problems, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(text)),
                "expected a problem mentioning '" + text + "', got:\n  " + String.join("\n  ", problems));
    }
}
