package dev.trellis.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads from its environment, as the code and the configuration files say: the
 * shared {@code platform/.../META-INF/microprofile-config.properties}, the service's
 * {@code application.properties} (which wins over the shared file) and the {@code @ConfigProperty} /
 * {@code @ConfigMapping} names in the platform's and the service's main sources.
 *
 * <p>Only the prod profile counts: a packaged service in a container runs with it. {@code %dev.} and
 * {@code %test.} entries are ignored; a {@code %prod.x} entry wins over {@code x}, as in SmallRye Config.
 */
record ServiceConfig(
        /* "invitation" (the module is invitation-service) */
        String name,
        /* effective prod properties (profile resolved, service over platform) */
        Map<String, String> properties,
        /* every ${NAME...} reference to an environment-style name, with its defaults */
        Map<String, List<String>> envReferences,
        /* every environment variable name the service reads */
        Set<String> readableEnv,
        /* @ConfigMapping prefixes as environment-variable prefixes ("TRELLIS_FOO_") */
        Set<String> readableEnvPrefixes) {

    /**
     * Read by the image, not by Quarkus: run-java.sh of the UBI OpenJDK runtime image
     * (src/main/docker/Dockerfile.jvm) turns these into JVM options.
     */
    static final Set<String> IMAGE_LAUNCHER_ENV =
            Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO");

    /**
     * Required although their defaults work on a developer machine: a deployed service must not log in
     * to PostgreSQL as the superuser that the local default names.
     */
    static final Set<String> ALWAYS_REQUIRED = Set.of("TRELLIS_PG_USER");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern CONFIG_PROPERTY =
            Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING =
            Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");

    static final String PLATFORM_CONFIG = "platform/src/main/resources/META-INF/microprofile-config.properties";

    static String module(String service) {
        return service + "-service";
    }

    /** The services: every {@code *-service} module with an application.properties. */
    static List<String> discover(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().endsWith("-service"))
                    .filter(d -> Files.isRegularFile(d.resolve("src/main/resources/application.properties")))
                    .map(d -> d.getFileName().toString().replaceFirst("-service$", ""))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceConfig load(Path root, String service) {
        String platform = Repo.read(root.resolve(PLATFORM_CONFIG));
        String own = Repo.read(root.resolve(module(service)).resolve("src/main/resources/application.properties"));
        List<String> sources = new ArrayList<>();
        sources.addAll(javaSources(root.resolve("platform/src/main/java")));
        sources.addAll(javaSources(root.resolve(module(service)).resolve("src/main/java")));
        return of(service, platform, own, sources);
    }

    /** From the texts themselves (also used by the checker's own tests). */
    static ServiceConfig of(String service, String platformProperties, String serviceProperties,
                            List<String> javaSources) {
        Map<String, String> raw = new TreeMap<>();
        raw.putAll(parse(platformProperties));
        raw.putAll(parse(serviceProperties)); // application.properties (250) over META-INF/microprofile-config (100)

        Map<String, String> prod = new TreeMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("%prod.")) {
                prod.put(key.substring("%prod.".length()), e.getValue());
            } else if (!key.startsWith("%")) {
                prod.putIfAbsent(key, raw.getOrDefault("%prod." + key, e.getValue()));
            }
        }

        Map<String, List<String>> refs = new TreeMap<>();
        prod.values().forEach(v -> collectEnvReferences(v, refs));

        Set<String> readable = new TreeSet<>(refs.keySet());
        prod.keySet().forEach(k -> readable.add(toEnv(k)));
        Set<String> prefixes = new TreeSet<>();
        for (String src : javaSources) {
            Matcher m = CONFIG_PROPERTY.matcher(src);
            while (m.find()) {
                readable.add(toEnv(m.group(1)));
            }
            Matcher p = CONFIG_MAPPING.matcher(src);
            while (p.find()) {
                prefixes.add(toEnv(p.group(1)) + "_");
            }
        }
        readable.addAll(IMAGE_LAUNCHER_ENV);
        return new ServiceConfig(service, prod, refs, readable, prefixes);
    }

    boolean reads(String envName) {
        return readableEnv.contains(envName) || readableEnvPrefixes.stream().anyMatch(envName::startsWith)
                || kafkaClientSetting(envName) != null;
    }

    /**
     * The Kafka client setting a {@code KAFKA_*} variable sets, or null: Quarkus hands every {@code kafka.*}
     * property and {@code KAFKA_*} variable ({@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}) to the
     * messaging connector (its {@code default-kafka-broker} map), and the platform's clients are built from the same
     * map (platform KafkaClients). Only the names of real producer or consumer settings count, so a misspelt one
     * is still reported.
     */
    static String kafkaClientSetting(String envName) {
        if (!envName.startsWith("KAFKA_")) {
            return null;
        }
        String setting = envName.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        return org.apache.kafka.clients.producer.ProducerConfig.configNames().contains(setting)
                || org.apache.kafka.clients.consumer.ConsumerConfig.configNames().contains(setting) ? setting : null;
    }

    /**
     * The variables a deployment must set: referenced with no default, an empty default, or a default
     * that only works on a developer machine (a loopback address, a path under deploy/local).
     */
    Set<String> requiredEnv() {
        Set<String> required = new TreeSet<>();
        envReferences.forEach((name, defaults) -> {
            if (defaults.stream().anyMatch(ServiceConfig::developerOnlyDefault)) {
                required.add(name);
            }
        });
        ALWAYS_REQUIRED.stream().filter(envReferences::containsKey).forEach(required::add);
        return required;
    }

    private static boolean developerOnlyDefault(String def) {
        if (def != null && def.startsWith("${") && matchingBrace(def, 2) == def.length() - 1) {
            return false; // ${OTHER:...}: falls back to another variable, which is checked itself
        }
        return def == null || def.isBlank() || def.contains("127.0.0.1") || def.contains("localhost")
                || def.contains("deploy/local");
    }

    /** quarkus.http.port as the service sets it (8080, Quarkus' default, when nobody does). */
    int httpPort() {
        String v = properties.get("quarkus.http.port");
        return v == null ? 8080 : Integer.parseInt(resolve(v).trim());
    }

    /** The port the process listens on when {@code env} is its environment. */
    int httpPort(Map<String, String> env) {
        String v = env.get("QUARKUS_HTTP_PORT");
        if (v != null && v.matches("\\d+")) {
            return Integer.parseInt(v);
        }
        return httpPort();
    }

    /** "/q/health/ready" etc., after quarkus.http.non-application-root-path. */
    String healthPath(String kind) {
        String root = properties.getOrDefault("quarkus.http.non-application-root-path", "q");
        root = root.replaceAll("^/+|/+$", "");
        String health = properties.getOrDefault("quarkus.smallrye-health.root-path", "health").replaceAll("^/+|/+$", "");
        return "/" + root + "/" + health + "/" + kind;
    }

    String databaseName() {
        String v = properties.get("trellis.db.name");
        return v == null ? null : resolve(v);
    }

    /** The topics of the incoming channels (mp.messaging.incoming.*.topic). */
    Set<String> incomingTopics() {
        Set<String> topics = new TreeSet<>();
        properties.forEach((k, v) -> {
            if (k.startsWith("mp.messaging.incoming.") && k.endsWith(".topic")) {
                topics.add(resolve(v));
            }
        });
        return topics;
    }

    /** The service's dead-letter topic when it consumes anything (the connector's DLQ strategy). */
    String deadLetterTopic() {
        if (incomingTopics().isEmpty()) {
            return null;
        }
        String v = properties.get("mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic");
        return v == null ? null : resolve(v);
    }

    /** Property expressions resolved against the prod properties (environment unset: defaults). */
    String resolve(String value) {
        return resolve(value, Map.of(), 0);
    }

    /**
     * A property's value in a process whose environment is {@code env}: the variable of the property's own name
     * (QUARKUS_DATASOURCE_KEYS_USERNAME) wins, and the expressions take environment-style names from {@code env}
     * (values as given there, not expanded further).
     */
    String property(String key, Map<String, String> env) {
        String own = env.get(toEnv(key));
        if (own != null) { // null also for an entry whose value comes from a Secret
            return own;
        }
        String v = properties.get(key);
        return v == null ? null : resolve(v, env, 0);
    }

    /**
     * The key vault of crypto-shredding (the datasource "keys", platform's microprofile-config.properties) as a
     * process with environment {@code env} reaches it, or null when the service has no such datasource.
     */
    KeyVault keyVault(Map<String, String> env) {
        String url = property("quarkus.datasource.keys.jdbc.url", env);
        if (url == null) {
            return null;
        }
        Matcher m = JDBC_URL.matcher(url);
        return new KeyVault(m.matches() ? m.group(1) : url, m.matches() ? m.group(2) : null,
                property("quarkus.datasource.keys.username", env),
                env.containsKey("TRELLIS_KEYS_DB_PASSWORD") || env.containsKey(toEnv("quarkus.datasource.keys.password")));
    }

    /** host and database of the key vault, the login, and whether its password is set for it in the environment. */
    record KeyVault(String host, String database, String user, boolean passwordSet) {
    }

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::\\d+)?/([^?]+).*");

    private String resolve(String value, Map<String, String> env, int depth) {
        if (depth > 10 || value == null) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value.substring(i));
                break;
            }
            out.append(value, i, start);
            int end = matchingBrace(value, start + 2);
            String inner = value.substring(start + 2, end);
            int colon = topLevelColon(inner);
            String name = colon < 0 ? inner : inner.substring(0, colon);
            String def = colon < 0 ? null : inner.substring(colon + 1);
            String found = properties.get(name);
            if (env.get(name) != null) {
                out.append(env.get(name));
            } else if (found != null) {
                out.append(resolve(found, env, depth + 1));
            } else if (def != null) {
                out.append(resolve(def, env, depth + 1));
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** MicroProfile Config's environment-variable form of a property name. */
    static String toEnv(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    static Map<String, String> parse(String propertiesText) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }

    /** ${NAME}, ${NAME:default}, nested in defaults too; only environment-style (upper-case) names. */
    static void collectEnvReferences(String value, Map<String, List<String>> out) {
        int i = 0;
        while ((i = value.indexOf("${", i)) >= 0) {
            int end = matchingBrace(value, i + 2);
            if (end >= value.length()) {
                return; // unbalanced: not an expression
            }
            String inner = value.substring(i + 2, end);
            int colon = topLevelColon(inner);
            String name = colon < 0 ? inner : inner.substring(0, colon);
            String def = colon < 0 ? null : inner.substring(colon + 1);
            if (ENV_NAME.matcher(name).matches()) {
                out.computeIfAbsent(name, n -> new ArrayList<>()).add(def);
            }
            if (def != null) {
                collectEnvReferences(def, out);
            }
            i = end + 1;
        }
    }

    /** Index of the '}' closing an expression whose content starts at {@code from}. */
    private static int matchingBrace(String s, int from) {
        int depth = 1;
        int j = from;
        while (j < s.length()) {
            if (s.startsWith("${", j)) {
                depth++;
                j += 2;
                continue;
            }
            if (s.charAt(j) == '}' && --depth == 0) {
                return j;
            }
            j++;
        }
        return s.length();
    }

    private static int topLevelColon(String inner) {
        int depth = 0;
        for (int j = 0; j < inner.length(); j++) {
            if (inner.startsWith("${", j)) {
                depth++;
                j++;
            } else if (inner.charAt(j) == '}') {
                depth--;
            } else if (inner.charAt(j) == ':' && depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private static List<String> javaSources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(Repo::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
