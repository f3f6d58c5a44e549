package dev.trellis.systest;

import dev.trellis.events.Topics;
import dev.trellis.testing.TestDatabases;
import dev.trellis.testing.TestKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite as real processes: a standalone Kafka broker (KRaft) started from deploy/target/kafka-libs,
 * and the five services' built jars, each with its own fresh PostgreSQL database (trellis_*_systest).
 */
public final class Suite implements AutoCloseable {
    /** The operator token every service of the suite is started with. */
    public static final String ADMIN_TOKEN = "systest-admin-token";
    /** The key vault of crypto-shredding that every service of the suite shares. */
    public static final String KEYS_DATABASE = "trellis_keys_systest";
    public static final List<String> SERVICES = List.of("profile", "invitation", "connection", "recommendation",
            "notification");

    private final Path root;
    private final Path work;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> extraEnvs = new LinkedHashMap<>();
    private Process broker;
    private String bootstrap;
    /** Set when the suite was started by the local launcher (replicas behind front doors): its data folder. */
    private Path launcherData;
    private Map<String, String> launcherEnv;
    private String adminToken = ADMIN_TOKEN;
    private final Map<String, List<String>> replicaUrls = new LinkedHashMap<>();

    public Suite() throws IOException {
        // TRELLIS_SYSTEST_ROOT: run against another build of the suite (a checkout whose jars are packaged)
        String other = System.getenv("TRELLIS_SYSTEST_ROOT");
        root = Path.of(other != null && !other.isBlank() ? other : System.getProperty("trellis.root", ".."))
                .toAbsolutePath().normalize();
        work = Files.createTempDirectory("trellis-systest");
    }

    public Suite start() throws Exception {
        startBroker();
        TestDatabases.recreate(KEYS_DATABASE);
        for (String s : SERVICES) {
            TestDatabases.recreate("trellis_" + s + "_systest");
            ports.put(s, freePort());
        }
        for (String s : SERVICES) {
            startService(s);
        }
        for (String s : SERVICES) {
            awaitReady(s);
        }
        return this;
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** The operator token the services were started with. */
    public String adminToken() {
        return adminToken;
    }

    /** Each replica of the service, asked directly (one URL unless started by {@link #launched}). */
    public List<String> replicaUrls(String service) {
        return replicaUrls.getOrDefault(service, List.of(url(service)));
    }

    /**
     * The suite as a user starts it: {@code deploy/local/trellis start --replicas N --brokers B}, in a data folder
     * and databases of its own ({@code trellis_*_repl}), front doors on 21081-21085 (replica i of a service on its
     * port + 10000 + 100*(i-1)), brokers on 21092/21094/21096. {@link #close} stops it and deletes the folder.
     */
    public static Suite launched(int replicas, int brokers) throws Exception {
        Suite suite = new Suite();
        suite.launcherData = suite.work.resolve("launcher");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRELLIS_DATA_DIR", suite.launcherData.toString());
        env.put("TRELLIS_DB_SUFFIX", "_repl_systest");
        env.put("TRELLIS_SKIP_BUILD", "1");
        env.put("TRELLIS_KAFKA_PORT", "21092");
        env.put("TRELLIS_KAFKA_CONTROLLER_PORT", "21093");
        env.put("TRELLIS_PG_HOST", TestDatabases.host());
        env.put("TRELLIS_PG_PORT", TestDatabases.port());
        env.put("TRELLIS_PG_USER", TestDatabases.user());
        env.put("TRELLIS_PG_PASSWORD", TestDatabases.password());
        env.put("TRELLIS_JAVA_OPTS", "-Xmx192m -XX:TieredStopAtLevel=1");
        env.put("TRELLIS_READY_TIMEOUT", "240");
        for (int i = 0; i < SERVICES.size(); i++) {
            String s = SERVICES.get(i);
            int port = 21081 + i;
            env.put("TRELLIS_" + s.toUpperCase() + "_PORT", String.valueOf(port));
            suite.ports.put(s, port);
            List<String> urls = new ArrayList<>();
            for (int r = 1; r <= replicas; r++) {
                urls.add("http://127.0.0.1:" + (replicas == 1 ? port : port + 10000 + 100 * (r - 1)));
            }
            suite.replicaUrls.put(s, urls);
        }
        for (String s : SERVICES) {
            TestDatabases.recreate("trellis_" + s + "_repl_systest");
        }
        suite.launcherEnv = env;
        suite.bootstrap = "127.0.0.1:21092";
        suite.launcher("start", "--replicas", String.valueOf(replicas), "--brokers", String.valueOf(brokers));
        suite.adminToken = Files.readString(suite.launcherData.resolve("keys/admin-token")).strip();
        return suite;
    }

    /** Runs a launcher command of a {@link #launched} suite; its output goes to launcher.log. */
    public void launcher(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("deploy/local/trellis").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("launcher.log").toFile()));
        pb.environment().putAll(launcherEnv);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("trellis " + String.join(" ", args) + " failed; "
                    + Files.readString(work.resolve("launcher.log")));
        }
    }

    /** The pid of a process the launcher started (e.g. "connection-2", "kafka-3"). */
    public long launchedPid(String name) throws IOException {
        return Long.parseLong(Files.readString(launcherData.resolve("pids/" + name + ".pid")).strip());
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    private void startBroker() throws Exception {
        Path libs = root.resolve("deploy/target/kafka-libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException(libs + " is missing: build the deploy module first (./mvnw package)");
        }
        int port = freePort();
        int controller = freePort();
        Path data = work.resolve("kafka");
        String props = Files.readString(root.resolve("deploy/local/kafka-server.properties.template"))
                .replace("@KAFKA_HOST@", "127.0.0.1")
                .replace("@KAFKA_PORT@", String.valueOf(port))
                .replace("@KAFKA_CONTROLLER_PORT@", String.valueOf(controller))
                .replace("@KAFKA_LOG_DIRS@", data.toString());
        Path config = work.resolve("server.properties");
        Files.writeString(config, props);
        String cp = libs + "/*";
        String clusterId = run(List.of(java(), "-cp", cp, "kafka.tools.StorageTool", "random-uuid")).strip();
        run(List.of(java(), "-cp", cp, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()));
        brokerCommand = List.of(java(), "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", cp,
                "kafka.Kafka", config.toString());
        launchBroker();
        bootstrap = "127.0.0.1:" + port;
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
                // only the topics that are missing: an earlier attempt that timed out may have made some of them
                java.util.Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                List<NewTopic> topics = new ArrayList<>();
                Topics.ALL.stream().filter(t -> !existing.contains(t)).forEach(t -> topics.add(new NewTopic(t, 3, (short) 1)));
                Topics.DEAD_LETTERS.stream().filter(t -> !existing.contains(t)).forEach(t -> topics.add(new NewTopic(t, 1, (short) 1)));
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (!broker.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the Kafka broker did not start; see " + work.resolve("kafka.log"), e);
                }
                Thread.sleep(500);
            }
        }
    }

    private List<String> brokerCommand;

    private void launchBroker() throws IOException {
        broker = new ProcessBuilder(brokerCommand).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("kafka.log").toFile())).start();
    }

    /** Stops the broker (its data stays): the services lose Kafka until {@link #restartBroker()}. */
    public void stopBroker() throws InterruptedException {
        broker.destroy();
        if (!broker.waitFor(30, TimeUnit.SECONDS)) {
            broker.destroyForcibly();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the broker again on the same data and ports, and waits until it answers. */
    public void restartBroker() throws Exception {
        launchBroker();
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
                admin.listTopics().names().get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (!broker.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the Kafka broker did not restart; see " + work.resolve("kafka.log"), e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Starts (or restarts) a service's jar as a process. */
    public void startService(String s) throws IOException {
        startService(s, Map.of());
    }

    /** Starts a service with extra environment variables (e.g. TRELLIS_OUTBOX_ENABLED=false). */
    public void startService(String s, Map<String, String> extraEnv) throws IOException {
        Path jar = root.resolve(s + "-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first");
        }
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(s + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(s)));
        env.put("TRELLIS_DB_NAME", "trellis_" + s + "_systest");
        env.put("TRELLIS_KEYS_DB_NAME", KEYS_DATABASE);
        env.put("TRELLIS_PG_HOST", TestDatabases.host());
        env.put("TRELLIS_PG_PORT", TestDatabases.port());
        env.put("TRELLIS_PG_USER", TestDatabases.user());
        env.put("TRELLIS_PG_PASSWORD", TestDatabases.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("TRELLIS_JWT_PUBLIC_KEY", TestKeys.publicKeyFile().toString());
        env.put("TRELLIS_JWT_PRIVATE_KEY", TestKeys.privateKeyFile().toString());
        env.put("TRELLIS_OUTBOX_POLL_INTERVAL", "PT1S");
        env.put("TRELLIS_ADMIN_TOKEN", ADMIN_TOKEN);
        if (s.equals("profile")) { // the data archive fetches the other services' parts
            for (String other : List.of("invitation", "connection", "recommendation", "notification")) {
                env.put("TRELLIS_" + other.toUpperCase(java.util.Locale.ROOT) + "_URL", url(other));
            }
        }
        env.putAll(extraEnv);
        services.put(s, pb.start());
        extraEnvs.put(s, Map.copyOf(extraEnv));
    }

    /** kill -9: no shutdown hook, no flush, no offset commit. */
    public void kill(String s) throws InterruptedException {
        Process p = services.remove(s);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    public void restart(String s) throws Exception {
        restart(s, Map.of());
    }

    public void restart(String s, Map<String, String> extraEnv) throws Exception {
        startService(s, extraEnv);
        awaitReady(s);
    }

    public void awaitReady(String s) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            Process p = services.get(s);
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(s + "-service exited; log:\n" + tail(s));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url(s) + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(3000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(s + "-service not ready in time; log:\n" + tail(s));
    }

    /**
     * Makes the suite whole again after a test that stopped a part of it and failed before restarting it: the broker
     * and every service running, each with its default environment. Used when a test class starts on the
     * shared suite ({@link SharedSuite}).
     */
    public void ensureWhole() throws Exception {
        if (broker != null && !broker.isAlive()) {
            restartBroker();
        }
        for (String s : SERVICES) {
            Process p = services.get(s);
            boolean defaults = extraEnvs.getOrDefault(s, Map.of()).isEmpty();
            if (p == null || !p.isAlive() || !defaults) {
                if (p != null) {
                    kill(s);
                }
                restart(s);
            }
        }
    }

    public String tail(String s) {
        try {
            List<String> lines = Files.readAllLines(work.resolve(s + ".log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public Path logs() {
        return work;
    }

    @Override
    public void close() {
        if (launcherData != null) {
            try {
                launcher("stop");
            } catch (Exception e) {
                System.err.println("trellis stop failed: " + e);
            }
        }
        services.values().forEach(Process::destroy);
        services.values().forEach(p -> {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (broker != null) {
            broker.destroy();
            try {
                if (!broker.waitFor(20, TimeUnit.SECONDS)) {
                    broker.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    static boolean open(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
