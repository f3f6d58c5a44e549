package dev.trellis.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The degree question over HTTP: connection-service as a real process (its runner jar) on a seeded power-law
 * graph loaded into its own database, driven by wrk (Debian's package) at a fixed request rate. The baseline in
 * the same run is the same endpoint asked about a member and themself (authentication, routing and JSON, no
 * graph work), so the ratio shows what the index adds to a request. Run through {@code bench/http/degree.sh}.
 */
public final class HttpDegreeBench {
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern RPS = Pattern.compile("^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors:.*");

    record Wrk(String name, double rps, Map<String, Double> latencyMicros, long non2xx, String socketErrors,
               int connections, int delayMillis, String raw) {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("members", "100000", "connections", "2000000",
                "rate", "10000", "duration", "30", "warmup", "15", "port", "18083", "db", "trellis_connection_httpbench",
                "out", "bench/results/http.md", "heap", "1g", "seed", "42"));
        for (int i = 0; i + 1 < argv.length; i += 2) {
            o.put(argv[i].replaceFirst("^-+", ""), argv[i + 1]);
        }
        Path root = Path.of(System.getProperty("trellis.root", ".")).toAbsolutePath().normalize();
        Path jar = root.resolve("connection-service/target/quarkus-app/quarkus-run.jar");
        Path keys = root.resolve("deploy/local/.data/keys");
        Path work = root.resolve("bench/target/http");
        Files.createDirectories(work);
        int members = Integer.parseInt(o.get("members"));
        long connections = Long.parseLong(o.get("connections"));
        int port = Integer.parseInt(o.get("port"));
        String db = o.get("db");

        var params = new GraphGenerator.Params(members, connections, 2.2, 30_000, Long.parseLong(o.get("seed")));
        System.err.printf("generating %,d members / %,d connections...%n", members, connections);
        GraphGenerator.Graph graph = GraphGenerator.generate(params, true);

        String pg = "jdbc:postgresql://127.0.0.1:5432/";
        try (Connection c = DriverManager.getConnection(pg + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + db);
        }
        // 1st start: Flyway makes the schema; then load the edges; 2nd start: the index is built from them
        Process service = start(jar, keys, work, port, db, o.get("heap"));
        awaitReady(port, service);
        stop(service);
        long t0 = System.nanoTime();
        load(pg + db, graph);
        System.err.printf("loaded %,d rows in %.1f s%n", 2 * connections, (System.nanoTime() - t0) / 1e9);
        service = start(jar, keys, work, port, db, o.get("heap"));
        long startedAt = System.nanoTime();
        awaitReady(port, service);
        double startSeconds = (System.nanoTime() - startedAt) / 1e9;
        try {
            // degree is answered for the caller only (issue 12): each request carries the token of its member a,
            // drawn from 500 viewers (each verified once, then taken from the service's token cache)
            SplittableRandom rnd = new SplittableRandom(7);
            int viewers = Math.min(500, members);
            List<String> tokens = new ArrayList<>();
            for (int v = 0; v < viewers; v++) {
                tokens.add(token(keys.resolve("privateKey.pem"), GraphGenerator.memberId(params.seed(), v)));
            }
            List<String> pairs = new ArrayList<>();
            List<String> selfPairs = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                int v = rnd.nextInt(viewers);
                UUID a = GraphGenerator.memberId(params.seed(), v);
                UUID b = GraphGenerator.memberId(params.seed(), rnd.nextInt(members));
                pairs.add(a + " " + b + " " + tokens.get(v));
                selfPairs.add(a + " " + a + " " + tokens.get(v));
            }
            String token = tokens.get(0);
            Files.write(work.resolve("pairs.txt"), pairs);
            Files.write(work.resolve("self-pairs.txt"), selfPairs);
            Path script = work.resolve("degree.lua");
            Files.writeString(script, lua());
            checkAnswer(port, token, pairs.get(0));

            int rate = Integer.parseInt(o.get("rate"));
            int duration = Integer.parseInt(o.get("duration"));
            System.err.println("warming up (unpaced)...");
            wrk("warm-up", script, work.resolve("pairs.txt"), port, 64, 0, Integer.parseInt(o.get("warmup")));
            Wrk max = wrk("degree, unpaced (max throughput)", script, work.resolve("pairs.txt"), port, 64, 0, duration);
            int delay = 5;
            int conns = calibrate(script, work.resolve("pairs.txt"), port, rate, delay);
            Wrk base = wrk("baseline: degree to oneself", script, work.resolve("self-pairs.txt"), port, conns, delay, duration);
            Wrk degree = wrk("degree(a, b)", script, work.resolve("pairs.txt"), port, conns, delay, duration);
            write(root.resolve(o.get("out")), o, graph, startSeconds, List.of(base, degree, max), degree, base, rate);
        } finally {
            stop(service);
        }
    }

    static Process start(Path jar, Path keys, Path work, int port, String db, String heap) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run bench/http/degree.sh, which builds it");
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-Xms" + heap, "-Xmx" + heap, "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("TRELLIS_DB_NAME", db);
        env.put("KAFKA_BOOTSTRAP_SERVERS", System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        env.put("TRELLIS_JWT_PUBLIC_KEY", keys.resolve("publicKey.pem").toString());
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.put("QUARKUS_LOG_CATEGORY__DEV_TRELLIS__LEVEL", "INFO");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("service.log").toFile()));
        return pb.start();
    }

    static void awaitReady(int port, Process p) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("connection-service exited; see bench/target/http/service.log");
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("connection-service not ready in 10 minutes");
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** Both directions of every edge, as connection-service stores them. */
    static void load(String url, GraphGenerator.Graph g) throws Exception {
        byte[][] ids = new byte[g.members()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = GraphGenerator.memberId(g.params().seed(), i).toString().getBytes(StandardCharsets.US_ASCII);
        }
        byte[] at = "\t2026-01-01T00:00:00Z\n".getBytes(StandardCharsets.US_ASCII);
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE connection DROP CONSTRAINT connection_pkey");
                st.execute("DROP INDEX IF EXISTS connection_recent");
            }
            PGConnection pgc = c.unwrap(PGConnection.class);
            try (OutputStream out = new BufferedOutputStream(new PGCopyOutputStream(pgc,
                    "COPY connection (member_id, other_id, connected_at) FROM STDIN", 1 << 20), 1 << 20)) {
                for (long pair : g.pairs()) {
                    int a = GraphGenerator.Graph.a(pair);
                    int b = GraphGenerator.Graph.b(pair);
                    for (int[] d : new int[][]{{a, b}, {b, a}}) {
                        out.write(ids[d[0]]);
                        out.write('\t');
                        out.write(ids[d[1]]);
                        out.write(at);
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET maintenance_work_mem = '1GB'");
                st.execute("ALTER TABLE connection ADD PRIMARY KEY (member_id, other_id)");
                st.execute("CREATE INDEX connection_recent ON connection (member_id, connected_at DESC)");
                st.execute("VACUUM (ANALYZE) connection");
            }
        }
    }

    /** An RS256 member token, signed with the local launcher's dev key, like profile-service issues. */
    static String token(Path privateKeyPem, UUID member) throws Exception {
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        long now = Instant.now().getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"https://trellis.dev\",\"sub\":\"" + member + "\",\"upn\":\""
                + member + "\",\"groups\":[\"member\"],\"iat\":" + now + ",\"exp\":" + (now + 6 * 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(s.sign());
    }

    static void checkAnswer(int port, String token, String pair) throws Exception {
        String[] ab = pair.split(" ");
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/members/" + ab[0] + "/degree/" + ab[1])).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("\"degree\"")) {
            throw new IllegalStateException("degree request failed: " + r.statusCode() + " " + r.body());
        }
        System.err.println("sample answer: " + r.body());
    }

    /** Each connection asks for the next pair of the file; {@code DELAY} ms between a response and the next request. */
    static String lua() {
        return """
                local pairs_file = os.getenv("PAIRS")
                local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
                local list = {}
                local auth = {}
                for line in io.lines(pairs_file) do
                  local a, b, t = line:match("(%S+) (%S+) (%S+)")
                  list[#list + 1] = "/members/" .. a .. "/degree/" .. b
                  auth[#auth + 1] = { ["Authorization"] = "Bearer " .. t }
                end
                local i = math.random(#list)
                request = function()
                  i = i % #list + 1
                  return wrk.format("GET", list[i], auth[i])
                end
                if delay_ms > 0 then
                  delay = function() return delay_ms end
                end
                """;
    }

    static int calibrate(Path script, Path pairs, int port, int rate, int delay) throws Exception {
        int first = Math.max(2, (int) Math.ceil(rate * (delay + 0.3) / 1000.0));
        int conns = first;
        for (int round = 0; round < 3; round++) {
            Wrk w = wrk("calibration", script, pairs, port, conns, delay, 5);
            if (w.rps() >= rate * 0.98 && w.rps() <= rate * 1.08) {
                break;
            }
            // more connections only help while the service keeps up; past 2x the estimate it is saturated
            conns = Math.min(2 * first, Math.max(2, (int) Math.round(conns * rate / Math.max(1.0, w.rps()))));
        }
        return conns;
    }

    static Wrk wrk(String name, Path script, Path pairs, int port, int conns, int delay, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("wrk", "-t2", "-c" + conns, "-d" + seconds + "s", "--latency",
                "--timeout", "5s", "-s", script.toString(), "http://127.0.0.1:" + port);
        pb.environment().put("PAIRS", pairs.toString());
        pb.environment().put("DELAY_MS", String.valueOf(delay));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        Map<String, Double> lat = new LinkedHashMap<>();
        double rps = 0;
        long non2xx = 0;
        String socket = "";
        for (String line : out.split("\n")) {
            Matcher m = PERCENTILE.matcher(line);
            if (m.find()) {
                double v = Double.parseDouble(m.group(2));
                lat.put("p" + m.group(1), switch (m.group(3)) {
                    case "us" -> v;
                    case "ms" -> v * 1000;
                    default -> v * 1_000_000;
                });
            }
            Matcher r = RPS.matcher(line);
            if (r.find()) {
                rps = Double.parseDouble(r.group(1));
            }
            Matcher n = NON_2XX.matcher(line);
            if (n.find()) {
                non2xx = Long.parseLong(n.group(1));
            }
            Matcher s = SOCKET.matcher(line.trim());
            if (s.matches()) {
                socket = line.trim();
            }
        }
        System.err.printf(Locale.ROOT, "  %-36s c=%3d delay=%dms  %,9.0f req/s  p50 %7.0f us  p99 %7.0f us  non-2xx %d %s%n",
                name, conns, delay, rps, lat.getOrDefault("p50", -1.0), lat.getOrDefault("p99", -1.0), non2xx, socket);
        return new Wrk(name, rps, lat, non2xx, socket, conns, delay, out);
    }

    static void write(Path out, Map<String, String> o, GraphGenerator.Graph g, double startSeconds, List<Wrk> runs,
                      Wrk degree, Wrk base, int rate) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Degree over HTTP: connection-service under wrk\n\n");
        sb.append(String.format(Locale.ROOT, "Run %s on %s (%d cores, %s), JDK %s. Graph: %,d members, %,d connections "
                        + "(seeded power law, gamma 2.2, seed %s), loaded into PostgreSQL database `%s`; connection-service "
                        + "(runner jar, heap %s) started on it in %.1f s (Flyway + index build), with the broker of "
                        + "`deploy/local/trellis` running.%n%n", Instant.now().toString().substring(0, 16).replace('T', ' '),
                host(), Runtime.getRuntime().availableProcessors(), cpu(), System.getProperty("java.version"),
                g.members(), g.pairs().length, o.get("seed"), o.get("db"), o.get("heap"), startSeconds));
        sb.append("Each request is `GET /members/{a}/degree/{b}` with a's bearer token (degree is the caller's own; "
                + "a is one of 500 members, b any member), from 20,000 seeded pairs; wrk (Debian 4.1.0) with 2 threads on the same "
                + "2 cores as the service. wrk has no fixed-rate mode, so the rate is set by the number of "
                + "connections, each waiting a fixed delay between a response and its next request; the achieved "
                + "rate is what the table says. The baseline is the same endpoint for a member and themself "
                + "(token check, routing, JSON; no graph work), run in the same process right before.\n\n");
        sb.append("| run | connections | delay | requests/s | p50 | p75 | p90 | p99 | non-2xx |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Wrk w : runs) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d ms | %,.0f | %s | %s | %s | %s | %d |%n", w.name(),
                    w.connections(), w.delayMillis(), w.rps(), us(w, "p50"), us(w, "p75"), us(w, "p90"), us(w, "p99"),
                    w.non2xx()));
        }
        double p99 = degree.latencyMicros().getOrDefault("p99", Double.NaN);
        double ratio50 = degree.latencyMicros().getOrDefault("p50", Double.NaN) / base.latencyMicros().getOrDefault("p50", Double.NaN);
        double ratio99 = p99 / base.latencyMicros().getOrDefault("p99", Double.NaN);
        sb.append(String.format(Locale.ROOT, "%nRatio degree / baseline: p50 %.2fx, p99 %.2fx.%n%n", ratio50, ratio99));
        boolean rateMet = degree.rps() >= rate * 0.98;
        sb.append(String.format(Locale.ROOT, "**Target: degree p99 <= 2 ms at %,d requests/s: %s** (p99 %.2f ms at %,.0f requests/s%s).%n%n",
                rate, p99 <= 2000 && rateMet && degree.non2xx() == 0 ? "met" : "NOT met", p99 / 1000, degree.rps(),
                rateMet ? "" : ", below the target rate"));
        sb.append("Reproduce (about 3 minutes at this size; needs wrk: `apt-get install wrk`):\n\n```bash\nbench/http/degree.sh");
        for (var e : o.entrySet()) {
            sb.append(" -").append(e.getKey()).append(' ').append(e.getValue());
        }
        sb.append("\n```\n\nRaw wrk output of the degree run:\n\n```\n").append(degree.raw().strip()).append("\n```\n");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
        System.err.println("wrote " + out);
    }

    static String us(Wrk w, String p) {
        Double v = w.latencyMicros().get(p);
        return v == null ? "-" : v >= 1000 ? String.format(Locale.ROOT, "%.2f ms", v / 1000) : String.format(Locale.ROOT, "%.0f us", v);
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }

    static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private HttpDegreeBench() {
    }
}
