package dev.trellis.bench.pipeline;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write-path pipeline benchmark (issue 13), against the running local suite: for each offered rate a SEND step
 * (open-loop POST /invitations at R/s, which also makes the pending invitations) and an ACCEPT step (open-loop
 * POST /invitations/{id}/accept at R/s), each {@code -step-seconds} long, up the ladder until saturation; then
 * pgbench TPC-B on the same PostgreSQL. See bench/README.md ("Write path: bench/pipeline") and run.sh.
 */
public final class PipelineBench {
    // ---- options
    List<Double> rates = List.of(10.0, 20.0, 40.0, 80.0);
    int stepSeconds = 60;
    /** A SEND and an ACCEPT step before the ladder, not reported: the JIT compiles the hot paths in it. */
    int warmupSeconds = 120;
    double warmupRate = 20;
    String label = "";
    Path data;
    Path results = Path.of("results");
    int signupThreads = 8;
    int refreshThreads = 8;
    int maxOutstanding = 4000;
    int timeoutSeconds = 30;
    double degreeRate = 20;
    long degreePollMs = 10;
    int degreeInflight = 10;
    int degreeTimeoutSeconds = 20;
    double sseRate = 10;
    int sseStreams = 100;
    double stopRatio = 0.9;
    long stopP99Ms = 5000;
    boolean pgbench = true;
    int pgbenchSeconds = 60;
    int pgbenchScale = 16;
    int pgbenchClients = 16;
    int settleSeconds = 180;
    long waitSampleMs = 2000;
    int seedMembers = 0;
    int ioThreads = 4;
    String note = "";
    String profile = "http://127.0.0.1:8081";
    String invitation = "http://127.0.0.1:8082";
    String connection = "http://127.0.0.1:8083";
    String notification = "http://127.0.0.1:8085";
    String kafka = "127.0.0.1:9092";
    String pgHost = "127.0.0.1";
    String pgPort = "5432";
    String pgUser = "postgres";
    Path suiteData = Path.of("../deploy/local/.data");
    String adminToken;
    String command;

    // ---- state
    Api api;
    Probes probes;
    Dataset ds;
    final Random random = new Random(13);
    final List<StepResult> steps = new ArrayList<>();
    final Map<String, String> pgSettings = new LinkedHashMap<>();
    String runStarted;

    public static void main(String[] args) throws Exception {
        PipelineBench b = new PipelineBench();
        boolean redraw = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-redraw")) {
                redraw = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value of " + a);
            }
            String v = args[++i];
            switch (a) {
                case "-rates" -> {
                    List<Double> r = new ArrayList<>();
                    for (String s : v.split(",")) {
                        if (!s.isBlank() && !s.strip().equals("none")) {
                            r.add(Double.parseDouble(s.strip()));
                        }
                    }
                    b.rates = r;
                }
                case "-step-seconds" -> b.stepSeconds = Integer.parseInt(v);
                case "-warmup-seconds" -> b.warmupSeconds = Integer.parseInt(v);
                case "-warmup-rate" -> b.warmupRate = Double.parseDouble(v);
                case "-label" -> b.label = v;
                case "-data" -> b.data = Path.of(v);
                case "-results" -> b.results = Path.of(v);
                case "-signup-threads" -> b.signupThreads = Integer.parseInt(v);
                case "-refresh-threads" -> b.refreshThreads = Integer.parseInt(v);
                case "-max-outstanding" -> b.maxOutstanding = Integer.parseInt(v);
                case "-timeout-seconds" -> b.timeoutSeconds = Integer.parseInt(v);
                case "-degree-rate" -> b.degreeRate = Double.parseDouble(v);
                case "-degree-poll-ms" -> b.degreePollMs = Long.parseLong(v);
                case "-degree-inflight" -> b.degreeInflight = Integer.parseInt(v);
                case "-degree-timeout-seconds" -> b.degreeTimeoutSeconds = Integer.parseInt(v);
                case "-sse-rate" -> b.sseRate = Double.parseDouble(v);
                case "-sse-streams" -> b.sseStreams = Integer.parseInt(v);
                case "-stop-ratio" -> b.stopRatio = Double.parseDouble(v);
                case "-stop-p99-ms" -> b.stopP99Ms = Long.parseLong(v);
                case "-pgbench" -> b.pgbench = Boolean.parseBoolean(v);
                case "-pgbench-seconds" -> b.pgbenchSeconds = Integer.parseInt(v);
                case "-pgbench-scale" -> b.pgbenchScale = Integer.parseInt(v);
                case "-pgbench-clients" -> b.pgbenchClients = Integer.parseInt(v);
                case "-settle-seconds" -> b.settleSeconds = Integer.parseInt(v);
                case "-wait-sample-ms" -> b.waitSampleMs = Long.parseLong(v);
                case "-seed-members" -> b.seedMembers = Integer.parseInt(v);
                case "-io-threads" -> b.ioThreads = Integer.parseInt(v);
                case "-note" -> b.note = v;
                case "-profile" -> b.profile = v;
                case "-invitation" -> b.invitation = v;
                case "-connection" -> b.connection = v;
                case "-notification" -> b.notification = v;
                case "-kafka" -> b.kafka = v;
                case "-pg-host" -> b.pgHost = v;
                case "-pg-port" -> b.pgPort = v;
                case "-pg-user" -> b.pgUser = v;
                case "-suite-data" -> b.suiteData = Path.of(v);
                case "-admin-token" -> b.adminToken = v;
                case "-command" -> b.command = v;
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (!b.label.isEmpty() && !b.label.equals("before") && !b.label.equals("after")) {
            throw new IllegalArgumentException("-label is before or after (or absent: a trial run written to target/)");
        }
        if (redraw) {
            LatencyChart.redraw(b.results);
            return;
        }
        if (b.data == null) {
            b.data = b.suiteData.resolve("bench-pipeline/dataset.tsv");
        }
        if (b.command == null) {
            b.command = "bench/pipeline/run.sh " + String.join(" ", args);
        }
        b.run();
    }

    // ---------------------------------------------------------------------------------------------- run

    void run() throws Exception {
        runStarted = Instant.now().toString();
        if (adminToken == null) {
            adminToken = System.getenv("TRELLIS_ADMIN_TOKEN");
        }
        if (adminToken == null || adminToken.isBlank()) {
            adminToken = Files.readString(suiteData.resolve("keys/admin-token")).strip();
        }
        api = new Api(profile, invitation, connection, notification, adminToken, ioThreads);
        probes = new Probes(suiteData.resolve("pids"), kafka, pgHost, pgPort, pgUser);
        try {
            for (String s : List.of("fsync", "synchronous_commit", "commit_delay", "commit_siblings", "wal_sync_method",
                    "shared_buffers", "max_connections", "wal_level", "server_version")) {
                pgSettings.put(s, probes.psql("postgres", "SHOW " + s).get(0));
            }
            String oid = probes.psql("postgres", "SELECT oid FROM pg_database WHERE datname = 'trellis_profile'").get(0);
            ds = Dataset.load(data, oid);
            log("data set %s: %d members (%d alive), %d pairs used, %d pending invitations, %d sends of quota free",
                    data, ds.members.size(), ds.alive(), ds.pairs.size(), ds.pending.size(),
                    ds.quotaFree(System.currentTimeMillis()));
            if (seedMembers > ds.alive()) {
                signUp(seedMembers - ds.alive());
            }
            if (warmupSeconds > 0 && !rates.isEmpty()) {
                warmUp();
            }
            for (double r : rates) {
                if (!stepPair(r)) {
                    break;
                }
            }
            PgBench pg = null;
            if (pgbench && !rates.isEmpty()) {
                settle();
                pg = PgBench.run(probes, pgbenchScale, pgbenchClients, pgbenchSeconds);
            }
            if (!rates.isEmpty()) {
                Report.write(this, pg);
            }
        } finally {
            if (ds != null) {
                ds.save(data);
            }
            probes.close();
        }
    }

    /**
     * A SEND and an ACCEPT step of {@code warmupSeconds} at {@code warmupRate}, dropped from the report: a freshly
     * started suite spends most of its CPU in the JIT compilers for minutes (measured: C1/C2 threads at half of a
     * service's CPU 17 minutes after start at 10 requests/s), which is not the steady state the ladder measures.
     */
    void warmUp() throws Exception {
        int keep = stepSeconds;
        int before = steps.size();
        stepSeconds = warmupSeconds;
        try {
            log("warm-up: SEND and ACCEPT at %.0f/s for %d s each (not reported)", warmupRate, warmupSeconds);
            stepPair(warmupRate);
        } finally {
            stepSeconds = keep;
            steps.subList(before, steps.size()).clear();
        }
    }

    /** The SEND and the ACCEPT step at one rate; false when the ladder stops here. */
    boolean stepPair(double rate) throws Exception {
        int sends = (int) Math.round(rate * stepSeconds);
        int streams = Math.min(sseStreams, Math.max(1, (int) (sseRate * stepSeconds / 2)));
        int sampled = (int) Math.min(sends, Math.round(Math.min(sseRate, rate) * stepSeconds));
        int perStreamer = (sampled + streams - 1) / streams;
        long now = System.currentTimeMillis();
        int free = ds.quotaFree(now);
        int need = (int) (sends * 1.05) + streams * perStreamer + 100;
        if (free < need) {
            int more = (need - free + Dataset.WEEKLY_QUOTA - 1) / Dataset.WEEKLY_QUOTA;
            log("%d sends planned at %.0f/s, %d of quota free: signing up %d members", sends, rate, free, more);
            signUp(more);
        }
        int minMembers = streams * 2 + 50;
        if (ds.alive() < minMembers) {
            signUp(minMembers - ds.alive());
        }
        refreshExpiring(now + (2L * stepSeconds + 300) * 1000);
        ds.save(data);

        // the streaming inviters of this pair of steps: they send the sampled invitations and receive none
        List<Dataset.Member> candidates = new ArrayList<>();
        for (Dataset.Member m : ds.snapshot()) {
            if (m.remaining(now) >= perStreamer + 1) {
                candidates.add(m);
            }
        }
        Collections.shuffle(candidates, random);
        List<Dataset.Member> streamers = new ArrayList<>(candidates.subList(0, Math.min(streams, candidates.size())));
        Set<Integer> streamerIdx = new HashSet<>();
        streamers.forEach(m -> streamerIdx.add(m.idx));

        settle();
        StepResult send = sendStep(rate, streamers, streamerIdx, sampled);
        steps.add(send);
        ds.save(data);
        send.print();

        settle();
        StepResult accept = acceptStep(rate, streamers, streamerIdx);
        steps.add(accept);
        ds.save(data);
        accept.print();

        boolean ok = true;
        for (StepResult s : List.of(send, accept)) {
            double ratio = s.http.achieved() / s.http.offered;
            long p99 = s.http.ok.getValueAtPercentile(99) / 1000;
            if (ratio < stopRatio) {
                log("%s achieved %.1f/s of %.0f/s offered (%.0f%% < %.0f%%): saturated, the ladder stops", s.kind,
                        s.http.achieved(), s.http.offered, ratio * 100, stopRatio * 100);
                ok = false;
            } else if (p99 > stopP99Ms) {
                log("%s p99 %d ms > %d ms: the ladder stops", s.kind, p99, stopP99Ms);
                ok = false;
            }
        }
        return ok;
    }

    // ---------------------------------------------------------------------------------------------- steps

    StepResult sendStep(double rate, List<Dataset.Member> streamers, Set<Integer> streamerIdx, int sampled) {
        long now = System.currentTimeMillis();
        List<Dataset.Member> all = ds.snapshot();
        List<Dataset.Member> recipients = new ArrayList<>();
        List<Integer> tickets = new ArrayList<>();
        for (Dataset.Member m : all) {
            if (m.dead || streamerIdx.contains(m.idx)) {
                continue;
            }
            recipients.add(m);
            int r = m.remaining(now);
            for (int k = 0; k < r; k++) {
                tickets.add(m.idx);
            }
        }
        Collections.shuffle(tickets, random);
        int total = (int) Math.round(rate * stepSeconds);
        int every = sampled <= 0 || streamers.isEmpty() ? Integer.MAX_VALUE : Math.max(1, total / sampled);
        int[] nextTicket = {0};
        int[] nextStreamer = {0};
        StepResult res = new StepResult("send", rate);
        res.begin(probes, waitSampleMs);
        res.http = OpenLoop.run(api.http, "send", rate, stepSeconds, maxOutstanding, timeoutSeconds + 5L, (i, due) -> {
            Dataset.Member from = null;
            if (i % every == 0) {
                for (int k = 0; k < streamers.size() && from == null; k++) {
                    Dataset.Member s = streamers.get(nextStreamer[0]++ % streamers.size());
                    if (s.remaining(System.currentTimeMillis()) > 0) {
                        from = s;
                    }
                }
            }
            while (from == null && nextTicket[0] < tickets.size()) {
                from = all.get(tickets.get(nextTicket[0]++));
            }
            if (from == null) {
                return null;
            }
            Dataset.Member to = null;
            for (int attempt = 0; attempt < 100 && to == null; attempt++) {
                Dataset.Member c = recipients.get(random.nextInt(recipients.size()));
                if (c.idx != from.idx && ds.claim(from.idx, c.idx)) {
                    to = c;
                }
            }
            if (to == null) {
                return null;
            }
            from.sent(System.currentTimeMillis());
            Dataset.Member f = from;
            Dataset.Member t = to;
            HttpRequest req = HttpRequest.newBuilder(URI.create(invitation + "/invitations"))
                    .timeout(Duration.ofSeconds(timeoutSeconds))
                    .header("Authorization", "Bearer " + f.token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"toMemberId\":\"" + t.id + "\"}")).build();
            return new OpenLoop.Job(req, (r, at) -> {
                if (r.statusCode() == 201) {
                    ds.addPending(new Dataset.Pending(Api.str(r.body(), "invitationId"), f.idx, t.idx));
                } else if (r.statusCode() == 429) {
                    f.quotaExhausted(System.currentTimeMillis());
                } else if (r.statusCode() != 200 && res.sampleErrors.size() < 5) {
                    res.sampleErrors.add(r.statusCode() + " " + r.body());
                }
            }, () -> {
            });
        });
        res.end(probes);
        return res;
    }

    /** A streaming inviter during an ACCEPT step: its queue of sampled invitations and the one accept in flight. */
    static final class Streamer {
        final Dataset.Member member;
        final Deque<Dataset.Pending> queue = new ArrayDeque<>();
        BadgeStream stream;
        boolean busy;
        boolean tainted;
        long before;
        long responseNanos;
        long pushNanos;

        Streamer(Dataset.Member member) {
            this.member = member;
        }
    }

    StepResult acceptStep(double rate, List<Dataset.Member> streamerMembers, Set<Integer> streamerIdx) throws Exception {
        List<Dataset.Member> all = ds.snapshot();
        Map<Integer, Streamer> byIdx = new HashMap<>();
        List<Streamer> streamers = new ArrayList<>();
        for (Dataset.Member m : streamerMembers) {
            Streamer s = new Streamer(m);
            byIdx.put(m.idx, s);
            streamers.add(s);
        }
        Deque<Dataset.Pending> regular = new ArrayDeque<>();
        List<Dataset.Pending> pendingNow;
        synchronized (ds) {
            pendingNow = new ArrayList<>(ds.pending);
        }
        for (Dataset.Pending p : pendingNow) {
            if (streamerIdx.contains(p.to())) {
                continue; // a streaming inviter's own badge must move only with its sampled accepts
            }
            if (all.get(p.from()).dead || all.get(p.to()).dead) {
                continue; // no session any more
            }
            Streamer s = byIdx.get(p.from());
            if (s != null) {
                s.queue.add(p);
            } else {
                regular.add(p);
            }
        }
        StepResult res = new StepResult("accept", rate);
        // open the streams (fresh tokens: refreshed before the step pair)
        BadgeStream.Listener listener = (stream, myNetwork, at) -> {
            Streamer s = byIdx.get(stream.memberIdx);
            synchronized (s) {
                if (s.busy && !s.tainted && s.pushNanos == 0 && myNetwork > s.before) {
                    s.pushNanos = at;
                    finishSse(s, res);
                }
            }
        };
        int opened = 0;
        for (Streamer s : streamers) {
            if (s.queue.isEmpty()) {
                continue;
            }
            try {
                s.stream = BadgeStream.open(api.http, notification + "/badges/stream", s.member.token, s.member.idx,
                        listener);
                opened++;
            } catch (Exception e) {
                log("badge stream of member %d: %s", s.member.idx, e.getMessage());
            }
        }
        for (Streamer s : streamers) {
            if (s.stream != null && !s.stream.awaitFirst(10_000)) {
                log("badge stream of member %d sent no counts", s.member.idx);
                s.tainted = true;
            }
        }
        res.streamsOpen = opened;
        int total = (int) Math.round(rate * stepSeconds);
        int sseEvery = Math.max(1, (int) Math.round(rate / Math.max(0.001, sseRate)));
        int degreeEvery = Math.max(1, (int) Math.round(rate / Math.max(0.001, degreeRate)));
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (Streamer s : streamers) {
                synchronized (s) {
                    if (s.busy && !s.tainted && s.responseNanos > 0 && s.pushNanos == 0
                            && now - s.responseNanos > 10_000_000_000L) {
                        s.tainted = true;
                        res.sseMissed++;
                    }
                }
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        int[] nextStreamer = {0};
        res.begin(probes, waitSampleMs);
        res.http = OpenLoop.run(api.http, "accept", rate, stepSeconds, maxOutstanding, timeoutSeconds + 5L, (i, due) -> {
            Dataset.Pending p = null;
            Streamer sampledBy = null;
            if (i % sseEvery == 0) {
                for (int k = 0; k < streamers.size() && p == null; k++) {
                    Streamer s = streamers.get(nextStreamer[0]++ % streamers.size());
                    synchronized (s) {
                        if (s.stream != null && !s.busy && !s.tainted && !s.queue.isEmpty()) {
                            p = s.queue.poll();
                            s.busy = true;
                            s.before = s.stream.myNetwork;
                            s.responseNanos = 0;
                            s.pushNanos = 0;
                            sampledBy = s;
                        }
                    }
                }
                if (p == null) {
                    res.sseSkipped++;
                }
            }
            if (p == null) {
                p = regular.poll();
            }
            if (p == null) {
                return null;
            }
            attempted.add(p.invitationId());
            Dataset.Member to = all.get(p.to());
            Dataset.Member from = all.get(p.from());
            boolean sampleDegree = false;
            if (i % degreeEvery == 0) {
                // at most degreeInflight samples polling at once: the polls must not become the load
                if (res.degreeStarted.get() - res.degreeDone() < degreeInflight) {
                    res.degreeStarted.incrementAndGet();
                    sampleDegree = true;
                } else {
                    res.degreeSkipped.incrementAndGet();
                }
            }
            Streamer sse = sampledBy;
            boolean degree = sampleDegree;
            HttpRequest req = HttpRequest.newBuilder(URI.create(invitation + "/invitations/" + p.invitationId() + "/accept"))
                    .timeout(Duration.ofSeconds(timeoutSeconds))
                    .header("Authorization", "Bearer " + to.token).POST(HttpRequest.BodyPublishers.noBody()).build();
            return new OpenLoop.Job(req, (r, at) -> {
                if (r.statusCode() == 200) {
                    if (sse != null) {
                        synchronized (sse) {
                            sse.responseNanos = at;
                            finishSse(sse, res);
                        }
                    }
                    if (degree) {
                        pollDegree(timer, from, to, at, at + degreeTimeoutSeconds * 1_000_000_000L, res);
                    }
                } else {
                    if (degree) {
                        res.degreeAborted.incrementAndGet();
                    }
                    if (sse != null) {
                        synchronized (sse) {
                            sse.tainted = true; // an accept that failed (or timed out) may still have moved the badge
                        }
                    }
                    if (res.sampleErrors.size() < 5) {
                        res.sampleErrors.add(r.statusCode() + " " + r.body());
                    }
                }
            }, () -> {
                if (degree) {
                    res.degreeAborted.incrementAndGet();
                }
                if (sse != null) {
                    synchronized (sse) {
                        sse.tainted = true;
                    }
                }
            });
        });
        res.end(probes);
        // the degree polls and pushes still under way get their time
        long until = System.nanoTime() + (Math.max(degreeTimeoutSeconds, 10) + 1) * 1_000_000_000L;
        while (System.nanoTime() < until && (res.degreeStarted.get() > res.degreeDone() || sseInFlight(streamers))) {
            Thread.sleep(50);
        }
        timer.shutdownNow();
        for (Streamer s : streamers) {
            synchronized (s) {
                if (s.busy && !s.tainted && s.responseNanos > 0 && s.pushNanos == 0) {
                    res.sseMissed++;
                }
            }
            if (s.stream != null) {
                s.stream.close();
            }
        }
        synchronized (ds) {
            ds.pending.removeIf(p -> attempted.contains(p.invitationId()));
        }
        return res;
    }

    private static boolean sseInFlight(List<Streamer> streamers) {
        for (Streamer s : streamers) {
            synchronized (s) {
                if (s.busy && !s.tainted) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Both the accept's answer and the push are in: one sample (a push before the answer counts as 0, 'early'). */
    private static void finishSse(Streamer s, StepResult res) {
        if (s.responseNanos > 0 && s.pushNanos > 0) {
            long micros = (s.pushNanos - s.responseNanos) / 1000;
            synchronized (res) {
                if (micros < 0) {
                    res.sseEarly++;
                    micros = 0;
                }
                res.sse.recordValue(Math.max(1, micros));
            }
            s.busy = false;
        }
    }

    /** The inviter asks connection-service its degree to the invitee every few ms until it is 1st. */
    private void pollDegree(ScheduledExecutorService timer, Dataset.Member from, Dataset.Member to, long acceptedNanos,
                            long deadline, StepResult res) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(connection + "/members/" + from.id + "/degree/" + to.id))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + from.token).GET().build();
        res.degreePolls.incrementAndGet();
        api.http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, ex) -> {
            long now = System.nanoTime();
            if (r != null && r.statusCode() == 200 && Api.numOr(r.body(), "degree") == 1) {
                synchronized (res) {
                    res.degree.recordValue(Math.max(1, (now - acceptedNanos) / 1000));
                }
                res.degreeOk.incrementAndGet();
            } else if (now > deadline) {
                res.degreeMissed.incrementAndGet();
            } else {
                try {
                    timer.schedule(() -> pollDegree(timer, from, to, acceptedNanos, deadline, res), degreePollMs,
                            TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    res.degreeMissed.incrementAndGet();
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- seeding

    /** Runs {@code task(0..n-1)} on {@code threads} threads with a progress bar, and waits for all of them. */
    private static void inParallel(String label, int threads, int n, java.util.function.IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        dev.trellis.bench.Progress bar = new dev.trellis.bench.Progress(label, n);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            fs.add(pool.submit(() -> {
                task.accept(index);
                bar.update(done.incrementAndGet());
            }));
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        bar.done();
    }

    /** Signs up {@code n} members, some at a time (each is a bcrypt hash in profile-service). */
    void signUp(int n) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicInteger failed = new AtomicInteger();
        inParallel("sign-ups", signupThreads, n, i -> {
            String email = "pipe-" + run + "-" + i + "@bench.example.com";
            try {
                Api.Session s = api.signUp(email);
                ds.add(s.memberId(), email, Api.PASSWORD, s.token(), s.expiresAt(), s.refreshToken());
            } catch (Exception e) {
                if (failed.incrementAndGet() <= 5) {
                    log("sign-up of %s failed: %s", email, e.getMessage());
                }
            }
        });
        ds.save(data);
        if (failed.get() > n / 10) {
            throw new IllegalStateException(failed.get() + " of " + n + " sign-ups failed");
        }
        log("%d members signed up (%d failed); the data set has %d", n - failed.get(), failed.get(), ds.members.size());
    }

    /** Refreshes (rotating the refresh token) every token that expires before {@code until}. */
    void refreshExpiring(long until) throws Exception {
        List<Dataset.Member> due = ds.snapshot().stream().filter(m -> !m.dead && m.tokenExpiresAt < until).toList();
        if (due.isEmpty()) {
            return;
        }
        AtomicInteger lost = new AtomicInteger();
        inParallel("token refresh", refreshThreads, due.size(), i -> {
            Dataset.Member m = due.get(i);
            try {
                Api.Session s = api.refresh(m.refreshToken);
                if (s == null) {
                    s = api.logIn(m.email, m.password);
                }
                if (s == null) {
                    m.dead = true;
                    lost.incrementAndGet();
                } else {
                    m.token = s.token();
                    m.tokenExpiresAt = s.expiresAt();
                    m.refreshToken = s.refreshToken();
                }
            } catch (Exception e) {
                m.dead = true; // the refresh token may be used up: this member is not used again
                lost.incrementAndGet();
            }
        });
        ds.save(data);
        if (lost.get() > 0) {
            log("%d members lost their session (refresh refused, log-in failed): not used again", lost.get());
        }
    }

    /** Waits until every consumer group has caught up (lag 0), so that a step starts from a drained pipeline. */
    void settle() throws InterruptedException {
        long end = System.currentTimeMillis() + settleSeconds * 1000L;
        Map<String, Long> lag = probes.lag();
        while (lag.values().stream().mapToLong(Long::longValue).sum() > 0 && System.currentTimeMillis() < end) {
            Thread.sleep(500);
            lag = probes.lag();
        }
        long left = lag.values().stream().mapToLong(Long::longValue).sum();
        if (left > 0) {
            log("still %d records of consumer lag after %d s: %s", left, settleSeconds, lag);
        }
        Thread.sleep(1000);
    }

    // ---------------------------------------------------------------------------------------------- results

    /** One step's measurements. */
    static final class StepResult {
        final String kind;
        final double offered;
        OpenLoop.Stats http;
        final Histogram degree = new Histogram(3_600_000_000L, 3);
        final Histogram sse = new Histogram(3_600_000_000L, 3);
        final AtomicLong degreePolls = new AtomicLong();
        final AtomicInteger degreeStarted = new AtomicInteger();
        final AtomicInteger degreeOk = new AtomicInteger();
        final AtomicInteger degreeMissed = new AtomicInteger();
        final AtomicInteger degreeSkipped = new AtomicInteger();
        final AtomicInteger degreeAborted = new AtomicInteger();
        long sseMissed;
        long sseEarly;
        long sseSkipped;
        int streamsOpen;
        final List<String> sampleErrors = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> cpuBefore;
        Map<String, Long> cpuAfter;
        long wallNanos;
        Map<String, Long> lagAtEnd = Map.of();
        final Map<String, Integer> waits = new ConcurrentHashMap<>();
        final AtomicInteger waitSamples = new AtomicInteger();
        private volatile boolean sampling;
        private Thread sampler;
        private long startedNanos;

        StepResult(String kind, double offered) {
            this.kind = kind;
            this.offered = offered;
        }

        int degreeDone() {
            return degreeOk.get() + degreeMissed.get() + degreeAborted.get();
        }

        void begin(Probes probes, long sampleMs) {
            cpuBefore = probes.cpuTicks();
            startedNanos = System.nanoTime();
            sampling = true;
            sampler = new Thread(() -> {
                while (sampling) {
                    try {
                        Thread.sleep(sampleMs);
                        if (!sampling) {
                            break;
                        }
                        probes.waits().forEach((k, v) -> waits.merge(k, v, Integer::sum));
                        waitSamples.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        log("pg_stat_activity sample failed: %s", e.getMessage());
                    }
                }
            }, "pg-waits");
            sampler.setDaemon(true);
            sampler.start();
        }

        /** At the end of the offered load (the drain of late answers is not in the CPU figures). */
        void end(Probes probes) {
            sampling = false;
            cpuAfter = probes.cpuTicks();
            wallNanos = System.nanoTime() - startedNanos;
            lagAtEnd = probes.lag();
        }

        Map<String, Double> cpuSeconds() {
            Map<String, Double> out = new LinkedHashMap<>();
            cpuAfter.forEach((k, v) -> {
                Long b = cpuBefore.get(k);
                if (b != null) {
                    out.put(k, (v - b) / (double) Probes.TICKS);
                }
            });
            return out;
        }

        void print() {
            log("%s %.0f/s: achieved %.1f/s, ok %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %s, dropped %d, "
                            + "late %d, no work %d%s%s", kind, offered, http.achieved(), http.okCount,
                    http.ok.getValueAtPercentile(50) / 1000.0, http.ok.getValueAtPercentile(99) / 1000.0,
                    http.ok.getMaxValue() / 1000.0, http.errorText(), http.dropped, http.late, http.noWork,
                    kind.equals("accept") ? String.format(Locale.ROOT, "; degree 1st p50 %.1f p99 %.1f ms (n %d, missed %d);"
                                    + " SSE push p50 %.1f p99 %.1f ms (n %d, missed %d)",
                            degree.getValueAtPercentile(50) / 1000.0, degree.getValueAtPercentile(99) / 1000.0,
                            degree.getTotalCount(), degreeMissed.get(), sse.getValueAtPercentile(50) / 1000.0,
                            sse.getValueAtPercentile(99) / 1000.0, sse.getTotalCount(), sseMissed) : "",
                    sampleErrors.isEmpty() ? "" : "; e.g. " + sampleErrors.get(0));
        }
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%s] %s%n", Instant.now().toString().substring(11, 19),
                String.format(Locale.ROOT, format, args));
    }

    /** pgbench TPC-B on the same server, own database. */
    record PgBench(double tps, double latencyMs, String command, String init) {
        static PgBench run(Probes probes, int scale, int clients, int seconds) throws Exception {
            String db = "trellis_pgbench";
            if (probes.psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + db + "'").isEmpty()) {
                probes.psql("postgres", "CREATE DATABASE " + db);
            }
            boolean ready;
            try {
                ready = probes.psql(db, "SELECT count(*) FROM pgbench_branches").get(0).equals(Integer.toString(scale));
            } catch (IllegalStateException e) {
                ready = false;
            }
            String init = "pgbench -i -s " + scale + " " + db;
            if (!ready) {
                log("pgbench: initialising %s at scale %d", db, scale);
                exec(List.of("pgbench", "-h", probes.pgHost, "-p", probes.pgPort, "-U", probes.pgUser, "-i", "-q", "-s",
                        Integer.toString(scale), db));
            }
            List<String> cmd = List.of("pgbench", "-h", probes.pgHost, "-p", probes.pgPort, "-U", probes.pgUser,
                    "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds), "-M", "prepared", db);
            log("pgbench: %s", String.join(" ", cmd));
            dev.trellis.bench.Progress bar = new dev.trellis.bench.Progress("pgbench TPC-B", seconds);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    out.append(new String(p.getInputStream().readAllBytes()));
                } catch (IOException ignored) {
                    // gone
                }
            });
            reader.start();
            long t0 = System.nanoTime();
            while (!p.waitFor(250, TimeUnit.MILLISECONDS)) {
                bar.update((System.nanoTime() - t0) / 1_000_000_000L);
            }
            reader.join();
            bar.done();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed: " + out);
            }
            Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
            Matcher lat = Pattern.compile("latency average = ([0-9.]+) ms").matcher(out);
            if (!tps.find()) {
                throw new IllegalStateException("no tps in pgbench output: " + out);
            }
            double l = lat.find() ? Double.parseDouble(lat.group(1)) : Double.NaN;
            log("pgbench: %s tps", tps.group(1));
            return new PgBench(Double.parseDouble(tps.group(1)), l,
                    "pgbench -c " + clients + " -j 2 -T " + seconds + " -M prepared " + db, init);
        }

        private static void exec(List<String> cmd) throws Exception {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + ": " + text);
            }
        }
    }

    private PipelineBench() {
    }
}
