package dev.trellis.deploy;

import static dev.trellis.deploy.Repo.at;
import static dev.trellis.deploy.Repo.list;
import static dev.trellis.deploy.Repo.map;
import static dev.trellis.deploy.Repo.str;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rules on a rendered overlay that encode what once went wrong (issue 20), so that it cannot come back.
 * Each returns its problems as sentences; DriftChecks-style, so that the test can feed broken objects.
 */
final class K8sRules {

    /** Kinds without a namespace. */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "ClusterImageCatalog");

    /**
     * Connections kept free beyond the services': CloudNativePG's instance manager and monitoring, and a
     * psql of an operator (superuser_reserved_connections is counted apart).
     */
    static final int OPERATOR_CONNECTIONS = 10;

    private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");
    private static final Pattern RELEASE_TAG = Pattern.compile(":v?\\d+\\.\\d+(\\.\\d+)?([-+.][0-9A-Za-z.-]+)?$");

    private K8sRules() {
    }

    /** Every namespaced object carries the namespace (kustomize's namespace does not reach what an overlay adds). */
    static List<String> namespaces(List<Map<String, Object>> objects, String namespace) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            if (CLUSTER_SCOPED.contains(str(o.get("kind")))) {
                continue;
            }
            String ns = str(at(o, "metadata", "namespace"));
            if (!namespace.equals(ns)) {
                problems.add(name(o) + " has namespace " + (ns == null ? "(none: it would land in the kubectl"
                        + " context's namespace)" : ns) + ", not " + namespace);
            }
        }
        return problems;
    }

    /** No spec.replicas on a Deployment an HPA scales: every `kubectl apply` would reset the count. */
    static List<String> noReplicasUnderHpa(List<Map<String, Object>> objects) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> hpas = hpas(objects);
        for (Map<String, Object> d : kind(objects, "Deployment")) {
            String n = str(at(d, "metadata", "name"));
            if (hpas.containsKey(n) && at(d, "spec", "replicas") != null) {
                problems.add(name(d) + " sets spec.replicas " + at(d, "spec", "replicas") + ", but the HPA "
                        + n + " owns its count: every `kubectl apply -k` would reset it");
            }
        }
        return problems;
    }

    /**
     * The database connections at the most pods each Deployment can have (HPA maxReplicas or replicas, plus
     * the rolling update's maxSurge), each pod with its pool and its direct connections, stay under the
     * Cluster's max_connections less superuser_reserved_connections and {@link #OPERATOR_CONNECTIONS}.
     *
     * @param perPod the connections one pod of a Deployment opens (pool + direct), by its container
     */
    static List<String> connections(List<Map<String, Object>> objects, ToIntFunction<Map<String, Object>> perPod) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> clusters = kind(objects, "Cluster");
        if (clusters.size() != 1) {
            problems.add("expected one CloudNativePG Cluster, found " + clusters.size());
            return problems;
        }
        Map<String, Object> cluster = clusters.get(0);
        Map<String, Object> params = map(at(cluster, "spec", "postgresql", "parameters"));
        if (params.get("max_connections") == null) {
            problems.add(name(cluster) + " sets no max_connections (PostgreSQL's default 100 is far too few)");
            return problems;
        }
        int max = Integer.parseInt(str(params.get("max_connections")));
        int reserved = Integer.parseInt(str(params.getOrDefault("superuser_reserved_connections", "3")));
        Map<String, Map<String, Object>> hpas = hpas(objects);
        int total = 0;
        StringBuilder sum = new StringBuilder();
        for (Map<String, Object> d : kind(objects, "Deployment")) {
            String n = str(at(d, "metadata", "name"));
            int replicas = hpas.containsKey(n)
                    ? Integer.parseInt(str(at(hpas.get(n), "spec", "maxReplicas")))
                    : at(d, "spec", "replicas") == null ? 1 : Integer.parseInt(str(at(d, "spec", "replicas")));
            int pods = replicas + surge(d, replicas);
            int each = perPod.applyAsInt(d);
            total += pods * each;
            sum.append(sum.isEmpty() ? "" : " + ").append(n).append(' ').append(pods).append('x').append(each);
        }
        int budget = max - reserved - OPERATOR_CONNECTIONS;
        if (total > budget) {
            problems.add("database connections at the HPA maximums plus the rolling-update surge: " + sum + " = "
                    + total + ", more than " + name(cluster) + "'s max_connections " + max + " less " + reserved
                    + " superuser-reserved and " + OPERATOR_CONNECTIONS + " for the operator (" + budget
                    + "): raise max_connections or lower the HPA maximums or pool sizes (deploy/README.md,"
                    + " \"Database connections\")");
        }
        return problems;
    }

    /** Fully qualified, immutable images: a registry host, and a digest or a release tag (no latest, no SNAPSHOT). */
    static List<String> qualifiedImages(List<Map<String, Object>> objects) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> d : kind(objects, "Deployment")) {
            Map<String, Object> pod = map(at(d, "spec", "template", "spec"));
            List<Object> containers = new ArrayList<>(list(pod.get("containers")));
            containers.addAll(list(pod.get("initContainers")));
            for (Object c : containers) {
                String image = str(map(c).get("image"));
                String why = unqualified(image);
                if (why != null) {
                    problems.add(name(d) + " container " + map(c).get("name") + ": image " + image + " " + why);
                }
            }
        }
        for (Map<String, Object> c : kind(objects, "Cluster")) {
            String image = str(at(c, "spec", "imageName"));
            String why = image != null && image.matches(".*:\\d+$")
                    ? "is a rolling major tag (pin a minor release such as 15.14, or a digest)"
                    : unqualified(image);
            if (why != null && at(c, "spec", "imageCatalogRef") == null) {
                problems.add(name(c) + " imageName " + image + " " + why);
            }
        }
        return problems;
    }

    static String unqualified(String image) {
        if (image == null || image.isBlank()) {
            return "is missing";
        }
        String first = image.substring(0, Math.max(image.indexOf('/'), 0));
        if (!(first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            return "names no registry host (e.g. registry.example.com/" + image + ")";
        }
        if (DIGEST.matcher(image).find()) {
            return null;
        }
        String afterHost = image.substring(first.length());
        if (!afterHost.contains(":")) {
            return "has no tag (it would be :latest)";
        }
        if (afterHost.endsWith(":latest") || afterHost.toUpperCase().contains("SNAPSHOT")
                || !RELEASE_TAG.matcher(afterHost).find()) {
            return "has a mutable tag (use a release tag or a digest)";
        }
        return null;
    }

    // ------------------------------------------------------------------------------------- Kafka security

    static final String SCRAM = "scram-sha-512";

    /**
     * Kafka only over TLS with SCRAM-SHA-512 logins and simple authorization, and every Trellis service (each talks
     * to Kafka: its outbox relay and revocation reader, and its channels) logging in as its own KafkaUser whose ACLs
     * cover its clients: Read on the topics it consumes (its channels), on the profile topic (the revocation reader)
     * and on its own topics (a projection rebuild may replay them); Write on its own topics (the topics of the
     * events module's types {@code trellis.<service>.*}) and on its dead-letter topic; Read on its consumer group.
     * The truststore is the cluster CA's PKCS12 from {@code <cluster>-cluster-ca-cert}, mounted read-only.
     */
    static List<String> kafkaSecurity(List<Map<String, Object>> objects, Map<String, ServiceConfig> configs) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> kafkas = kind(objects, "Kafka");
        if (kafkas.size() != 1) {
            problems.add("expected one Kafka, found " + kafkas.size());
            return problems;
        }
        Map<String, Object> kafka = kafkas.get(0);
        String cluster = str(at(kafka, "metadata", "name"));
        Set<Integer> tlsPorts = new java.util.TreeSet<>();
        for (Object l : list(at(kafka, "spec", "kafka", "listeners"))) {
            Map<String, Object> listener = map(l);
            String where = name(kafka) + " listener " + listener.get("name");
            if (!Boolean.TRUE.equals(listener.get("tls"))) {
                problems.add(where + " has no TLS (tls: true)");
            }
            if (!SCRAM.equals(str(at(listener, "authentication", "type")))) {
                problems.add(where + " authenticates with " + at(listener, "authentication", "type") + ", not " + SCRAM);
            }
            boolean trellisPeers = list(listener.get("networkPolicyPeers")).stream().anyMatch(peer ->
                    "trellis".equals(str(at(peer, "podSelector", "matchLabels", "app.kubernetes.io/part-of"))));
            if (!trellisPeers) {
                problems.add(where + " lets no Trellis pod reach port " + listener.get("port")
                        + " (networkPolicyPeers with app.kubernetes.io/part-of: trellis)");
            }
            if (Boolean.TRUE.equals(listener.get("tls"))) {
                tlsPorts.add(Integer.parseInt(str(listener.get("port"))));
            }
        }
        if (!"simple".equals(str(at(kafka, "spec", "kafka", "authorization", "type")))) {
            problems.add(name(kafka) + " has no simple authorization: the KafkaUsers' ACLs would not be enforced");
        }
        if (at(kafka, "spec", "entityOperator", "userOperator") == null) {
            problems.add(name(kafka) + " runs no user operator: no KafkaUser would get its credentials");
        }
        Map<String, Map<String, Object>> users = new LinkedHashMap<>();
        kind(objects, "KafkaUser").forEach(u -> users.put(str(at(u, "metadata", "name")), u));
        String caSecret = cluster + "-cluster-ca-cert";

        for (Map<String, Object> d : kind(objects, "Deployment")) {
            Map<String, Object> pod = map(at(d, "spec", "template", "spec"));
            Map<String, Object> container = map(list(pod.get("containers")).stream().findFirst().orElse(null));
            ServiceConfig cfg = configs.values().stream()
                    .filter(c -> ServiceConfig.module(c.name()).equals(str(container.get("name")))).findFirst().orElse(null);
            if (cfg == null) {
                continue;
            }
            String where = name(d);
            Map<String, Object> env = effectiveEnv(objects, container);
            expect(problems, where, env, "KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
            expect(problems, where, env, "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            expect(problems, where, env, "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
            String bootstrap = str(env.get("KAFKA_BOOTSTRAP_SERVERS"));
            if (bootstrap == null || java.util.Arrays.stream(bootstrap.split(",")).anyMatch(hp ->
                    !tlsPorts.contains(Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1).trim())))) {
                problems.add(where + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " is not on a TLS listener's port " + tlsPorts);
            }
            Map<String, Object> password = secretRef(env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD"));
            if (!caSecret.equals(str(password.get("name"))) || !"ca.password".equals(str(password.get("key")))) {
                problems.add(where + ": KAFKA_SSL_TRUSTSTORE_PASSWORD is not the key ca.password of Secret " + caSecret);
            }
            String truststore = str(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"));
            String mountProblem = caMounted(pod, container, truststore, caSecret);
            if (mountProblem != null) {
                problems.add(where + ": KAFKA_SSL_TRUSTSTORE_LOCATION " + truststore + " " + mountProblem);
            }
            Map<String, Object> jaas = secretRef(env.get("KAFKA_SASL_JAAS_CONFIG"));
            String user = str(jaas.get("name"));
            if (user == null || !"sasl.jaas.config".equals(str(jaas.get("key")))) {
                problems.add(where + ": KAFKA_SASL_JAAS_CONFIG is not the key sasl.jaas.config of its KafkaUser's Secret");
                continue;
            }
            Map<String, Object> ku = users.get(user);
            if (ku == null) {
                problems.add(where + " logs in as " + user + ", but there is no KafkaUser " + user);
                continue;
            }
            problems.addAll(kafkaUser(ku, cluster, cfg));
        }
        return problems;
    }

    /** The KafkaUser of one service: SCRAM, simple authorization, and ACLs that cover what its clients do. */
    static List<String> kafkaUser(Map<String, Object> user, String cluster, ServiceConfig cfg) {
        List<String> problems = new ArrayList<>();
        String where = name(user) + " (" + ServiceConfig.module(cfg.name()) + ")";
        if (!cluster.equals(str(at(user, "metadata", "labels", "strimzi.io/cluster")))) {
            problems.add(where + " is not labelled strimzi.io/cluster: " + cluster);
        }
        if (!SCRAM.equals(str(at(user, "spec", "authentication", "type")))) {
            problems.add(where + " authenticates with " + at(user, "spec", "authentication", "type") + ", not " + SCRAM);
        }
        if (!"simple".equals(str(at(user, "spec", "authorization", "type")))) {
            problems.add(where + " has no simple authorization (ACLs)");
        }
        List<Object> acls = list(at(user, "spec", "authorization", "acls"));
        Set<String> produced = producedTopics(cfg.name());
        Set<String> reads = new java.util.TreeSet<>(cfg.incomingTopics());
        reads.add(dev.trellis.events.Topics.PROFILE);
        reads.addAll(produced);
        Set<String> writes = new java.util.TreeSet<>(produced);
        if (cfg.deadLetterTopic() != null) {
            writes.add(cfg.deadLetterTopic());
        }
        reads.forEach(t -> require(problems, where, acls, "topic", t, "Read"));
        writes.forEach(t -> require(problems, where, acls, "topic", t, "Write"));
        if (!cfg.incomingTopics().isEmpty()) {
            String group = cfg.resolve(cfg.properties().get("mp.messaging.connector.smallrye-kafka.group.id"));
            require(problems, where, acls, "group", group, "Read");
        }
        return problems;
    }

    /** The topics of the events module's types of a service ({@code trellis.<service>.*}): the ones it writes. */
    static Set<String> producedTopics(String service) {
        Set<String> topics = new java.util.TreeSet<>();
        for (dev.trellis.events.EventTypes.Descriptor d : dev.trellis.events.EventTypes.all()) {
            if (d.type().startsWith("trellis." + service + ".")) {
                topics.add(d.topic());
            }
        }
        return topics;
    }

    private static void require(List<String> problems, String where, List<Object> acls, String type, String name,
                                String operation) {
        boolean covered = acls.stream().map(Repo::map).anyMatch(acl -> {
            Map<String, Object> r = map(acl.get("resource"));
            String pattern = str(r.getOrDefault("patternType", "literal"));
            String n = str(r.get("name"));
            boolean matches = type.equals(str(r.get("type"))) && n != null
                    && ("prefix".equals(pattern) ? name.startsWith(n) : name.equals(n) || "*".equals(n));
            List<String> ops = list(acl.get("operations")).stream().map(Repo::str).toList();
            return matches && !"deny".equals(str(acl.get("type"))) && (ops.contains(operation) || ops.contains("All"));
        });
        if (!covered) {
            problems.add(where + " has no ACL for " + operation + " on " + type + " " + name);
        }
    }

    private static void expect(List<String> problems, String where, Map<String, Object> env, String name, String value) {
        if (!value.equals(str(env.get(name)))) {
            problems.add(where + ": " + name + " is " + env.get(name) + ", not " + value);
        }
    }

    /** The container's environment: its ConfigMaps (envFrom) under its own env entries (a value or a valueFrom). */
    private static Map<String, Object> effectiveEnv(List<Map<String, Object>> objects, Map<String, Object> container) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object from : list(container.get("envFrom"))) {
            String cm = str(at(from, "configMapRef", "name"));
            kind(objects, "ConfigMap").stream().filter(c -> str(at(c, "metadata", "name")).equals(cm))
                    .forEach(c -> map(c.get("data")).forEach(env::put));
        }
        for (Object e : list(container.get("env"))) {
            Map<String, Object> entry = map(e);
            env.put(str(entry.get("name")), entry.containsKey("value") ? entry.get("value") : entry.get("valueFrom"));
        }
        return env;
    }

    private static Map<String, Object> secretRef(Object valueFrom) {
        return valueFrom instanceof Map<?, ?> ? map(at(valueFrom, "secretKeyRef")) : Map.of();
    }

    /** Null when {@code location} is the ca.p12 of Secret {@code secret}, mounted read-only; else what is wrong. */
    private static String caMounted(Map<String, Object> pod, Map<String, Object> container, String location,
                                    String secret) {
        if (location == null) {
            return "is not set";
        }
        for (Object m : list(container.get("volumeMounts"))) {
            String path = str(map(m).get("mountPath")).replaceAll("/+$", "");
            if (!location.startsWith(path + "/")) {
                continue;
            }
            String file = location.substring(path.length() + 1);
            Map<String, Object> volume = list(pod.get("volumes")).stream().map(Repo::map)
                    .filter(v -> str(v.get("name")).equals(str(map(m).get("name")))).findFirst().orElse(Map.of());
            if (!secret.equals(str(at(volume, "secret", "secretName")))) {
                return "is on volume " + map(m).get("name") + ", which is not Secret " + secret;
            }
            if (!Boolean.TRUE.equals(map(m).get("readOnly"))) {
                return "is on a mount that is not readOnly";
            }
            List<Object> items = list(at(volume, "secret", "items"));
            boolean ca = items.isEmpty() ? file.equals("ca.p12") : items.stream().map(Repo::map)
                    .anyMatch(i -> "ca.p12".equals(str(i.get("key"))) && file.equals(str(i.get("path"))));
            return ca ? null : "is not the Secret's key ca.p12";
        }
        return "is on no mounted volume";
    }

    // ------------------------------------------------------------------------------------- per pod

    /**
     * The connections one pod of a Trellis service opens: its pool (quarkus.datasource.jdbc.max-size, from
     * the service's configuration or QUARKUS_DATASOURCE_JDBC_MAX_SIZE in the container), the key vault's pool
     * (quarkus.datasource.keys.jdbc.max-size, QUARKUS_DATASOURCE_KEYS_JDBC_MAX_SIZE) plus one for each
     * session opened outside the pool in the platform's and the service's code (the outbox relay's LISTEN and
     * advisory lock; notification-service's badge LISTEN; a sweep's lock session, platform LongSessions). A
     * Deployment that is no Trellis service counts 0.
     */
    static ToIntFunction<Map<String, Object>> trellisPerPod(Path root, Map<String, ServiceConfig> configs) {
        Map<String, Integer> direct = new LinkedHashMap<>();
        return d -> {
            Object container = list(at(d, "spec", "template", "spec", "containers")).stream().findFirst().orElse(null);
            String module = str(map(container).get("name"));
            ServiceConfig cfg = configs.values().stream()
                    .filter(c -> ServiceConfig.module(c.name()).equals(module)).findFirst().orElse(null);
            if (cfg == null) {
                return 0;
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (Object e : list(map(container).get("env"))) {
                env.put(str(map(e).get("name")), str(map(e).get("value")));
            }
            String pool = cfg.property("quarkus.datasource.jdbc.max-size", env);
            // the key vault's pool (datasource "keys"), on the same PostgreSQL unless TRELLIS_KEYS_DB_HOST moves it
            ServiceConfig.KeyVault vault = cfg.keyVault(env);
            String keysPool = vault == null || env.containsKey("TRELLIS_KEYS_DB_HOST") ? "0"
                    : cfg.property("quarkus.datasource.keys.jdbc.max-size", env);
            int own = direct.computeIfAbsent(module, m -> directConnections(root.resolve(m).resolve("src/main/java")));
            int platform = direct.computeIfAbsent("platform", m -> directConnections(root.resolve("platform/src/main/java")));
            return Integer.parseInt(pool == null ? "20" : pool) + Integer.parseInt(keysPool == null ? "20" : keysPool)
                    + own + platform;
        };
    }

    /** Sessions opened outside the pool: the relay's and the badge listener's, and the sweeps' lock sessions. */
    private static final java.util.regex.Pattern DIRECT = java.util.regex.Pattern.compile(
            "DriverManager\\.getConnection\\(|LongSessions\\.LongSession \\w+ = \\w+\\.open\\(|\\.exclusively\\(");

    static int directConnections(Path sources) {
        if (!Files.isDirectory(sources)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            int n = 0;
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.getFileName().toString().equals("LongSessions.java")) {
                    continue; // the helper that opens them: counted where they are opened
                }
                java.util.regex.Matcher m = DIRECT.matcher(Repo.read(f));
                while (m.find()) {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------- helpers

    private static int surge(Map<String, Object> d, int replicas) {
        Object s = at(d, "spec", "strategy", "rollingUpdate", "maxSurge");
        if ("Recreate".equals(str(at(d, "spec", "strategy", "type")))) {
            return 0;
        }
        String v = s == null ? "25%" : str(s);
        return v.endsWith("%") ? (int) Math.ceil(replicas * Integer.parseInt(v.substring(0, v.length() - 1)) / 100.0)
                : Integer.parseInt(v);
    }

    private static Map<String, Map<String, Object>> hpas(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> h : kind(objects, "HorizontalPodAutoscaler")) {
            if ("Deployment".equals(str(at(h, "spec", "scaleTargetRef", "kind")))) {
                out.put(str(at(h, "spec", "scaleTargetRef", "name")), h);
            }
        }
        return out;
    }

    static List<Map<String, Object>> kind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static String name(Map<String, Object> o) {
        return o.get("kind") + "/" + at(o, "metadata", "name");
    }
}
