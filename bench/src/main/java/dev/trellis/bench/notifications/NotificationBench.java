package dev.trellis.bench.notifications;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * notification-service speed, against a running local suite (profile-, invitation- and notification-service,
 * see bench/notifications/run.sh):
 * <ol>
 * <li>badge read: GET /badges latency as a client sees it (one keep-alive connection, sequential requests, after
 * a warm-up);</li>
 * <li>accepted invitation -> SSE push: an inviter keeps GET /badges/stream open; the invitee accepts through
 * invitation-service (POST /invitations/{id}/accept); measured from that HTTP call returning to the inviter's
 * stream delivering the incremented My Network count. One accept at a time (light load): the path is
 * invitation-service's commit -> outbox relay -> Kafka -> notification-service's consumer -> its commit -> the
 * push.</li>
 * </ol>
 * Not a test: run by hand; it writes the report to bench/results/notifications.md (or -out FILE).
 *
 * <p>Arguments: -badge-reads 20000 -warmup 2000 -accepts 500 -inviters 10 -pause-ms 20 -profile URL
 * -invitation URL -notification URL -out FILE -note TEXT -admin-token TOKEN (default: TRELLIS_ADMIN_TOKEN, else
 * the launcher's deploy/local/.data/keys/admin-token: sign-up mails a code, which the bench reads from
 * profile-service's dev mailbox, GET /admin/mail)
 */
public final class NotificationBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private int badgeReads = 20_000;
    private int warmup = 2_000;
    private int accepts = 500;
    private int inviters = 10;
    private long pauseMs = 20;
    private String profile = "http://127.0.0.1:8081";
    private String invitation = "http://127.0.0.1:8082";
    private String notification = "http://127.0.0.1:8085";
    private Path out = Path.of("results/notifications.md");
    private String note = "";
    private String adminToken;

    public static void main(String[] args) throws Exception {
        NotificationBench b = new NotificationBench();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "-badge-reads" -> b.badgeReads = Integer.parseInt(v);
                case "-warmup" -> b.warmup = Integer.parseInt(v);
                case "-accepts" -> b.accepts = Integer.parseInt(v);
                case "-inviters" -> b.inviters = Integer.parseInt(v);
                case "-pause-ms" -> b.pauseMs = Long.parseLong(v);
                case "-profile" -> b.profile = v;
                case "-invitation" -> b.invitation = v;
                case "-notification" -> b.notification = v;
                case "-out" -> b.out = Path.of(v);
                case "-note" -> b.note = v;
                case "-admin-token" -> b.adminToken = v;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (b.adminToken == null) {
            b.adminToken = System.getenv("TRELLIS_ADMIN_TOKEN");
        }
        if (b.adminToken == null || b.adminToken.isBlank()) {
            Path file = Path.of("../deploy/local/.data/keys/admin-token");
            if (!java.nio.file.Files.exists(file)) {
                file = Path.of("deploy/local/.data/keys/admin-token");
            }
            b.adminToken = java.nio.file.Files.readString(file).strip();
        }
        b.run();
    }

    record Member(String id, String token) {
    }

    private void run() throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        log("signing up %d inviters and %d invitees", inviters, accepts);
        List<Member> from = new ArrayList<>();
        for (int i = 0; i < inviters; i++) {
            from.add(signUp("bench-inviter-" + run + "-" + i + "@example.com", "Inviter" + i));
        }
        List<Member> to = new ArrayList<>();
        for (int i = 0; i < accepts; i++) {
            to.add(signUp("bench-invitee-" + run + "-" + i + "@example.com", "Invitee" + i));
            if (i % 100 == 99) {
                log("  %d invitees", i + 1);
            }
        }

        log("sending %d invitations", accepts);
        List<String> invitationIds = new ArrayList<>();
        for (int i = 0; i < accepts; i++) {
            Member inviter = from.get(i % inviters);
            invitationIds.add(invite(inviter, to.get(i)));
        }

        // --- badge reads: the first invitee has one unseen invitation
        Member reader = to.get(0);
        awaitBadge(reader, 1);
        HttpRequest badges = HttpRequest.newBuilder(URI.create(notification + "/badges"))
                .header("Authorization", "Bearer " + reader.token()).GET().build();
        log("badge reads: %d warm-up + %d measured", warmup, badgeReads);
        for (int i = 0; i < warmup; i++) {
            send(badges, 200);
        }
        Histogram reads = new Histogram(3_600_000_000L, 3);
        double[] serverBefore = serverTime("/badges");
        loadBefore = loadAverage();
        for (int i = 0; i < badgeReads; i++) {
            long t0 = System.nanoTime();
            send(badges, 200);
            reads.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
        }

        double[] serverAfter = serverTime("/badges");
        loadAfterReads = loadAverage();
        serverMeanMicros = serverAfter[0] > serverBefore[0]
                ? (serverAfter[1] - serverBefore[1]) / (serverAfter[0] - serverBefore[0]) * 1e6 : Double.NaN;

        // --- accept -> SSE push
        List<Stream> streams = new ArrayList<>();
        for (Member m : from) {
            streams.add(Stream.open(notification + "/badges/stream", m.token()));
        }
        for (Stream s : streams) {
            s.next(Duration.ofSeconds(10)); // the counts on connect
        }
        Histogram push = new Histogram(3_600_000_000L, 3);
        int early = 0;
        int missed = 0;
        log("accepts: %d, one at a time, %d ms apart", accepts, pauseMs);
        for (int i = 0; i < accepts; i++) {
            int k = i % inviters;
            Stream s = streams.get(k);
            long before = s.lastMyNetwork;
            HttpRequest accept = HttpRequest.newBuilder(URI.create(invitation + "/invitations/" + invitationIds.get(i) + "/accept"))
                    .header("Authorization", "Bearer " + to.get(i).token()).POST(HttpRequest.BodyPublishers.noBody()).build();
            send(accept, 200);
            long returned = System.nanoTime();
            Event e = s.awaitMyNetwork(before + 1, Duration.ofSeconds(10));
            if (e == null) {
                missed++;
                continue;
            }
            long micros = (e.arrivedNanos() - returned) / 1_000;
            if (micros < 0) {
                early++;
                micros = 0;
            }
            push.recordValue(Math.max(1, micros));
            if (i % 100 == 99) {
                log("  %d accepts, p50 so far %.1f ms", i + 1, push.getValueAtPercentile(50) / 1000.0);
            }
            Thread.sleep(pauseMs);
        }
        streams.forEach(Stream::close);
        loadAfterAccepts = loadAverage();
        report(reads, push, early, missed);
    }

    private void report(Histogram reads, Histogram push, int early, int missed) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> l.replaceAll("\\s+", " ")).orElse("?");
        StringBuilder md = new StringBuilder();
        md.append("### Run of ").append(Instant.now()).append("\n\n");
        md.append("Measured").append(" by `dev.trellis.bench.notifications.NotificationBench` ")
                .append("against a local suite (profile-, invitation- and notification-service jars, one Kafka broker, ")
                .append("PostgreSQL 15, all on this machine).\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(cpu)
                .append("), ").append(mem).append(", Java ").append(System.getProperty("java.version")).append(".\n\n");
        md.append("| measure | n | p50 | p90 | p99 | max | target |\n|---|---|---|---|---|---|---|\n");
        row(md, "GET /badges (client-observed, keep-alive, sequential)", reads, "p99 <= 2 ms");
        row(md, "accept returned -> inviter's SSE push", push, "p99 <= 100 ms");
        md.append(String.format(Locale.ROOT, "%nBadge reads as notification-service measured them (its `http.server.requests` "
                + "timer, /q/metrics): mean %.3f ms. Load average (1 min) before the reads %s, after them %s, after "
                + "the accepts %s (other builds and tests were running on this machine).%n", serverMeanMicros / 1000.0,
                loadBefore, loadAfterReads, loadAfterAccepts));
        md.append("\nAccepts: ").append(accepts).append(" one at a time, ").append(pauseMs).append(" ms apart, over ")
                .append(inviters).append(" inviters each with an open stream; ").append(missed)
                .append(" pushes missed (none within 10 s), ").append(early)
                .append(" arrived before the accept's HTTP response (counted as 0).\n");
        if (!note.isBlank()) {
            md.append("\n").append(note).append("\n");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        String existing = Files.exists(out) ? Files.readString(out) : "";
        String marker = "<!-- bench-output -->";
        String body = marker + "\n" + md + marker;
        String text = existing.contains(marker)
                ? existing.substring(0, existing.indexOf(marker)) + body
                + existing.substring(existing.lastIndexOf(marker) + marker.length())
                : existing + body + "\n";
        Files.writeString(out, text);
        System.out.println(md);
        log("report: %s", out.toAbsolutePath());
    }

    private static void row(StringBuilder md, String name, Histogram h, String target) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s |%n", name,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, target));
    }

    private String loadBefore = "?";
    private String loadAfterReads = "?";
    private String loadAfterAccepts = "?";
    private double serverMeanMicros = Double.NaN;

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The service's own count and total seconds of GET {@code uri} (Micrometer, /q/metrics). */
    private double[] serverTime(String uri) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(notification + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double count = 0;
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.contains("uri=\"" + uri + "\"") && line.contains("method=\"GET\"")) {
                double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("http_server_requests_seconds_count")) {
                    count += v;
                } else if (line.startsWith("http_server_requests_seconds_sum")) {
                    sum += v;
                }
            }
        }
        return new double[]{count, sum};
    }

    // ---- suite calls

    /** Sign-up in its two steps: POST /members (202), the code from the dev mailbox, POST /members/verify (201). */
    private Member signUp(String email, String first) throws Exception {
        String body = String.format("{\"email\":\"%s\",\"password\":\"bench-password-1\",\"firstName\":\"%s\","
                + "\"lastName\":\"Bench\",\"headline\":\"Benchmarking\"}", email, first);
        send(HttpRequest.newBuilder(URI.create(profile + "/members"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), 202);
        HttpResponse<String> mail = send(HttpRequest.newBuilder(URI.create(profile + "/admin/mail?to="
                        + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)))
                .header("X-Trellis-Admin-Token", adminToken).GET().build(), 200);
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(mail.body());
        if (!code.find()) {
            throw new IllegalStateException("no verification code mailed to " + email + ": " + mail.body());
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(profile + "/members/verify"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"code\":\"" + code.group(1) + "\"}")).build(), 201);
        return new Member(str(r.body(), "memberId"), str(r.body(), "token"));
    }

    /** Sends an invitation, retrying while invitation-service has not heard of the new member yet. */
    private String invite(Member from, Member to) throws Exception {
        String body = "{\"toMemberId\":\"" + to.id() + "\"}";
        Instant end = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(invitation + "/invitations"))
                    .header("Authorization", "Bearer " + from.token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201 || r.statusCode() == 200) {
                return str(r.body(), "invitationId");
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("cannot invite: " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(200);
        }
    }

    private void awaitBadge(Member m, long myNetwork) throws Exception {
        Instant end = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(end)) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(notification + "/badges"))
                    .header("Authorization", "Bearer " + m.token()).GET().build(), 200);
            if (num(r.body(), "myNetwork") >= myNetwork) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the badge never reached " + myNetwork);
    }

    private static HttpResponse<String> send(HttpRequest r, int expected) throws IOException, InterruptedException {
        HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != expected) {
            throw new IllegalStateException(r.method() + " " + r.uri() + " -> " + resp.statusCode() + " " + resp.body());
        }
        return resp;
    }

    static String str(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1);
    }

    static long num(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%s] %s%n", Instant.now(), String.format(Locale.ROOT, format, args));
    }

    // ---- the SSE client

    record Event(long myNetwork, long arrivedNanos) {
    }

    /** One open badge stream, read on a thread of its own; arrival times are taken as each event completes. */
    static final class Stream {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final InputStream body;
        volatile long lastMyNetwork;

        private Stream(InputStream body) {
            this.body = body;
            Thread t = new Thread(this::read, "sse-reader");
            t.setDaemon(true);
            t.start();
        }

        static Stream open(String url, String token) throws IOException, InterruptedException {
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("stream -> " + r.statusCode());
            }
            return new Stream(r.body());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                String data = null;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        data = line.substring(5).strip();
                    } else if (line.isEmpty() && data != null) {
                        long now = System.nanoTime();
                        long n = num(data, "myNetwork");
                        events.add(new Event(n, now));
                        data = null;
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        Event next(Duration wait) throws InterruptedException {
            Event e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (e != null) {
                lastMyNetwork = e.myNetwork();
            }
            return e;
        }

        /** The first event with at least {@code myNetwork}, or null after {@code wait}. */
        Event awaitMyNetwork(long myNetwork, Duration wait) throws InterruptedException {
            long end = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < end) {
                Event e = next(Duration.ofNanos(end - System.nanoTime()));
                if (e != null && e.myNetwork() >= myNetwork) {
                    return e;
                }
            }
            return null;
        }

        void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    private NotificationBench() {
    }
}
