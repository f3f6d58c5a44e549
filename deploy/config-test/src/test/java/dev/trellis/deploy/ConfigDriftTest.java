package dev.trellis.deploy;

import static dev.trellis.deploy.Repo.at;
import static dev.trellis.deploy.Repo.list;
import static dev.trellis.deploy.Repo.map;
import static dev.trellis.deploy.Repo.str;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * No drift between the services' configuration and the deployment descriptors: docker-compose
 * (deploy/docker-compose/, every variant), Kubernetes (deploy/kubernetes/base and the overlays' patches)
 * and the Dockerfiles. See {@link DriftChecks} for what is checked; a failure lists every problem.
 */
class ConfigDriftTest {

    private static final Path ROOT = Repo.root();
    private static final Path COMPOSE_DIR = ROOT.resolve("deploy/docker-compose");
    private static final Path KUBERNETES_DIR = ROOT.resolve("deploy/kubernetes");
    private static final String COMPOSE_BASE = "docker-compose.yml";

    private static final List<String> SERVICES = ServiceConfig.discover(ROOT);
    private static final Map<String, ServiceConfig> CONFIGS = new LinkedHashMap<>();

    static {
        SERVICES.forEach(s -> CONFIGS.put(s, ServiceConfig.load(ROOT, s)));
    }

    @Test
    void findsTheFiveServices() {
        assertTrue(SERVICES.containsAll(List.of("profile", "invitation", "connection", "recommendation", "notification")),
                "services found under " + ROOT + ": " + SERVICES);
    }

    // ------------------------------------------------------------------------------------- compose

    /** docker-compose.yml alone, and with each docker-compose.<variant>.yml on top, as deploy/validate.sh runs them. */
    static List<List<String>> composeVariants() {
        List<List<String>> variants = new ArrayList<>();
        variants.add(List.of(COMPOSE_BASE));
        try (Stream<Path> files = Files.list(COMPOSE_DIR)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("docker-compose\\..+\\.ya?ml"))
                    .sorted()
                    .forEach(n -> variants.add(List.of(COMPOSE_BASE, n)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return variants;
    }

    @TestFactory
    Stream<DynamicTest> composeServices() {
        Map<String, String> owners = composeDatabaseOwners();
        return composeVariants().stream().flatMap(files -> {
            Compose compose = Compose.load(COMPOSE_DIR, files);
            return SERVICES.stream().map(s -> dynamicTest(compose.variant() + ": " + ServiceConfig.module(s),
                    () -> assertNoProblems(DriftChecks.composeService(CONFIGS.get(s), compose, owners))));
        });
    }

    @TestFactory
    Stream<DynamicTest> composeHasNoServiceThatDoesNotExist() {
        return composeVariants().stream().map(files -> dynamicTest(String.join(" + ", files), () -> {
            Compose compose = Compose.load(COMPOSE_DIR, files);
            List<String> problems = new ArrayList<>();
            compose.services().keySet().stream()
                    .filter(n -> n.endsWith("-service"))
                    .filter(n -> !SERVICES.contains(n.replaceFirst("-service$", "")))
                    .forEach(n -> problems.add("compose service " + n + " is no module of the repository"));
            assertNoProblems(problems);
        }));
    }

    /** Every service of every variant, and of the Kubernetes base, reads the same key vault. */
    @Test
    void everyServiceUsesTheSameKeyVault() {
        List<String> problems = new ArrayList<>();
        for (List<String> files : composeVariants()) {
            Compose compose = Compose.load(COMPOSE_DIR, files);
            Map<String, ServiceConfig.KeyVault> vaults = new LinkedHashMap<>();
            CONFIGS.forEach((s, cfg) -> vaults.put(ServiceConfig.module(s),
                    cfg.keyVault(Compose.environment(compose.services().getOrDefault(ServiceConfig.module(s), Map.of())))));
            problems.addAll(DriftChecks.oneKeyVault("compose [" + compose.variant() + "]", vaults));
        }
        Kustomization base = Kustomization.load(KUBERNETES_DIR.resolve("base"));
        Map<String, ServiceConfig.KeyVault> vaults = new LinkedHashMap<>();
        CONFIGS.forEach((s, cfg) -> vaults.put(ServiceConfig.module(s),
                cfg.keyVault(DriftChecks.deploymentEnvironment(base, ServiceConfig.module(s)))));
        problems.addAll(DriftChecks.oneKeyVault("kubernetes base", vaults));
        assertNoProblems(problems);
    }

    /** database -> role, from the init script's create_database lines. */
    static Map<String, String> composeDatabaseOwners() {
        Map<String, String> owners = new LinkedHashMap<>();
        try (Stream<Path> scripts = Files.list(COMPOSE_DIR.resolve("postgres/init"))) {
            Pattern line = Pattern.compile("(?m)^create_database\\s+(\\S+)\\s+(\\S+)");
            scripts.sorted().forEach(f -> {
                Matcher m = line.matcher(Repo.read(f));
                while (m.find()) {
                    owners.put(m.group(2), m.group(1));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return owners;
    }

    // ------------------------------------------------------------------------------------- kubernetes

    @TestFactory
    Stream<DynamicTest> kubernetesBase() {
        Kustomization base = Kustomization.load(KUBERNETES_DIR.resolve("base"));
        return SERVICES.stream().map(s -> dynamicTest("base: " + ServiceConfig.module(s),
                () -> assertNoProblems(DriftChecks.deployment(CONFIGS.get(s), base))));
    }

    @Test
    void kubernetesBaseHasNothingForServicesThatDoNotExist() {
        Kustomization base = Kustomization.load(KUBERNETES_DIR.resolve("base"));
        List<String> problems = new ArrayList<>();
        Set<String> deployments = new TreeSet<>();
        base.all("Deployment").forEach(d -> deployments.add(str(at(d, "metadata", "name"))));
        deployments.stream().filter(n -> !SERVICES.contains(n.replaceFirst("-service$", "")))
                .forEach(n -> problems.add("Deployment " + n + " is no module of the repository"));
        for (Map<String, Object> hpa : base.all("HorizontalPodAutoscaler")) {
            String target = str(at(hpa, "spec", "scaleTargetRef", "name"));
            if (!deployments.contains(target)) {
                problems.add("HorizontalPodAutoscaler " + at(hpa, "metadata", "name") + " scales " + target
                        + ", which is no Deployment");
            }
        }
        assertNoProblems(problems);
    }

    /** What the overlays' patches set on a service's Deployment, and the ConfigMaps they merge into. */
    @TestFactory
    Stream<DynamicTest> kubernetesOverlays() throws IOException {
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(KUBERNETES_DIR.resolve("overlays"))) {
            overlays = dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        }
        return overlays.stream().map(dir -> dynamicTest("overlay " + dir.getFileName(), () -> {
            Kustomization overlay = Kustomization.load(dir);
            List<String> problems = new ArrayList<>();
            for (Map<String, Object> patch : overlay.patches()) {
                String name = str(at(patch, "metadata", "name"));
                if (!"Deployment".equals(patch.get("kind")) || name == null) {
                    continue;
                }
                ServiceConfig cfg = CONFIGS.get(name.replaceFirst("-service$", ""));
                if (cfg == null) {
                    problems.add("overlay " + dir.getFileName() + " patches Deployment " + name + ", which is no service");
                    continue;
                }
                problems.addAll(DriftChecks.deploymentPatch(cfg, "overlay " + dir.getFileName() + " Deployment " + name, patch));
            }
            // A ConfigMap the services take their environment from: every key must be read by each of them.
            Kustomization base = Kustomization.load(KUBERNETES_DIR.resolve("base"));
            overlay.ownConfigMapGenerators().forEach(cm -> {
                Map<String, String> data = overlay.configMaps().get(cm);
                for (Map<String, Object> dep : base.all("Deployment")) {
                    String depName = str(at(dep, "metadata", "name"));
                    ServiceConfig cfg = CONFIGS.get(depName.replaceFirst("-service$", ""));
                    if (cfg != null && envFromConfigMaps(dep).contains(cm)) {
                        data.keySet().stream().filter(key -> !cfg.reads(key)).forEach(key -> problems.add(
                                "overlay " + dir.getFileName() + " ConfigMap " + cm + " sets " + key + ", which "
                                        + depName + " does not read"));
                    }
                }
            });
            assertNoProblems(problems);
        }));
    }

    // ------------------------------------------------------------------------------------- images

    @TestFactory
    Stream<DynamicTest> dockerfiles() {
        return SERVICES.stream().map(s -> dynamicTest(ServiceConfig.module(s) + "/src/main/docker/Dockerfile.jvm", () -> {
            Path f = ROOT.resolve(ServiceConfig.module(s)).resolve("src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(f), "missing " + ROOT.relativize(f));
            assertNoProblems(DriftChecks.dockerfile(CONFIGS.get(s), ROOT.relativize(f).toString(), Repo.read(f)));
        }));
    }

    // ------------------------------------------------------------------------------------- topics

    /**
     * The topics the suite needs: the events module's topic names, every service's incoming topics, the
     * dead-letter topic of every consuming service, and deploy/local/trellis's list (which must agree).
     */
    static Set<String> expectedTopics() {
        Set<String> topics = new TreeSet<>();
        Pattern name = Pattern.compile("\"(trellis\\.[a-z0-9]+\\.events)\"");
        try (Stream<Path> files = Files.walk(ROOT.resolve("events/src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher m = name.matcher(Repo.read(f));
                while (m.find()) {
                    topics.add(m.group(1));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceConfig cfg : CONFIGS.values()) {
            topics.addAll(cfg.incomingTopics());
            if (cfg.deadLetterTopic() != null) {
                topics.add(cfg.deadLetterTopic());
            }
        }
        return topics;
    }

    static Set<String> launcherTopics() {
        String launcher = Repo.read(ROOT.resolve("deploy/local/trellis"));
        Matcher block = Pattern.compile("(?s)\\nTOPICS=\\((.*?)\\)").matcher(launcher);
        Set<String> topics = new TreeSet<>();
        if (block.find()) {
            for (String t : block.group(1).trim().split("\\s+")) {
                topics.add(t);
            }
        }
        return topics;
    }

    @Test
    void topicsAgreeEverywhere() {
        Set<String> expected = expectedTopics();
        List<String> problems = new ArrayList<>();
        // The local launcher may also create reserved topics (a producer-less dead-letter topic, say):
        // then they belong in every other place too.
        Set<String> launcher = launcherTopics();
        expected.addAll(launcher);

        problems.addAll(DriftChecks.topicSet("deploy/local/trellis (TOPICS)", launcher, expected));

        for (List<String> files : composeVariants()) {
            Compose compose = Compose.load(COMPOSE_DIR, files);
            Map<String, String> env = compose.services().values().stream()
                    .map(Compose::environment)
                    .filter(e -> e.containsKey("EVENT_TOPICS"))
                    .findFirst().orElse(Map.of());
            Set<String> created = new TreeSet<>();
            for (String key : List.of("EVENT_TOPICS", "DLQ_TOPICS")) {
                for (String t : env.getOrDefault(key, "").trim().split("\\s+")) {
                    if (!t.isBlank()) {
                        created.add(t);
                    }
                }
            }
            String where = "compose [" + compose.variant() + "] topic creation";
            problems.addAll(DriftChecks.topicSet(where, created, expected));
            if (!List.of(env.getOrDefault("EVENT_TOPIC_CONFIG", "").split(",")).contains("retention.ms=-1")) {
                problems.add(where + ": EVENT_TOPIC_CONFIG must keep events forever (retention.ms=-1)");
            }
            for (String t : env.getOrDefault("DLQ_TOPICS", "").trim().split("\\s+")) {
                if (!t.isBlank() && !t.startsWith("trellis.dlq.")) {
                    problems.add(where + ": " + t + " is listed as a dead-letter topic");
                }
            }
        }

        Kustomization base = Kustomization.load(KUBERNETES_DIR.resolve("base"));
        Set<String> kafkaTopics = new TreeSet<>();
        for (Map<String, Object> t : base.all("KafkaTopic")) {
            String topic = str(at(t, "spec", "topicName")) != null ? str(at(t, "spec", "topicName"))
                    : str(at(t, "metadata", "name"));
            kafkaTopics.add(topic);
            Object retention = at(t, "spec", "config", "retention.ms");
            if (topic.endsWith(".events") && !"-1".equals(str(retention))) {
                problems.add("KafkaTopic " + topic + ": retention.ms is " + retention + "; events are kept forever (-1)");
            }
            if (at(t, "spec", "replicas") != null) {
                problems.add("KafkaTopic " + topic + " sets replicas; the broker default does (3 in overlays/production)");
            }
            if (str(at(t, "metadata", "labels", "strimzi.io/cluster")) == null
                    || base.find("Kafka", str(at(t, "metadata", "labels", "strimzi.io/cluster"))).isEmpty()) {
                problems.add("KafkaTopic " + topic + " names no Kafka cluster of the base (strimzi.io/cluster)");
            }
        }
        problems.addAll(DriftChecks.topicSet("kubernetes base KafkaTopics", kafkaTopics, expected));
        assertNoProblems(problems);
    }

    // ------------------------------------------------------------------------------------- helpers

    static void assertNoProblems(List<String> problems) {
        assertTrue(problems.isEmpty(), () -> problems.size() + " drift problem(s):\n  - " + String.join("\n  - ", problems));
    }

    /** The ConfigMaps a Deployment takes whole as environment (envFrom). */
    static Set<String> envFromConfigMaps(Map<String, Object> deployment) {
        Set<String> names = new TreeSet<>();
        for (Object c : list(at(deployment, "spec", "template", "spec", "containers"))) {
            for (Object from : list(map(c).get("envFrom"))) {
                Object cm = at(from, "configMapRef", "name");
                if (cm != null) {
                    names.add(str(cm));
                }
            }
        }
        return names;
    }
}
