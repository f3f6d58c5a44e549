package dev.trellis.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The markdown section (between the label's markers in results/pipeline.md), the raw CSV and the chart. */
final class Report {
    static final String HEAD = """
            # Write-path pipeline benchmark (issue 13)

            Measured by `bench/pipeline/run.sh` (`dev.trellis.bench.pipeline.PipelineBench`) against the running local
            suite (`deploy/local/trellis start`: five services, one Kafka broker, PostgreSQL 15, all on this 2-core
            machine). How it works and how to run it: [../README.md](../README.md#write-path-benchmark-benchpipeline).
            Each section below is rewritten by a run with `-label before` or `-label after`; the raw numbers are in
            `pipeline-before.csv` / `pipeline-after.csv` and `bench/pipeline/run.sh -redraw` redraws the chart from them.

            ![latency against throughput](pipeline.png)

            ## Before (the global append lock, one transaction per consumed record)

            <!-- pipeline:before -->
            <!-- /pipeline:before -->

            ## After

            <!-- pipeline:after -->
            <!-- /pipeline:after -->
            """;

    static void write(PipelineBench b, PipelineBench.PgBench pg) throws IOException {
        boolean labelled = !b.label.isEmpty();
        Path dir = labelled ? b.results : Path.of("target");
        String name = labelled ? b.label : "trial";
        String md = section(b, pg);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pipeline-" + name + ".csv"), csv(b, pg));
        if (labelled) {
            Path file = dir.resolve("pipeline.md");
            String text = Files.exists(file) ? Files.readString(file) : HEAD;
            String open = "<!-- pipeline:" + name + " -->";
            String close = "<!-- /pipeline:" + name + " -->";
            int i = text.indexOf(open);
            int j = text.indexOf(close);
            if (i < 0 || j < i) {
                text = text + "\n" + open + "\n" + close + "\n";
                i = text.indexOf(open);
                j = text.indexOf(close);
            }
            text = text.substring(0, i + open.length()) + "\n" + md + text.substring(j);
            Files.writeString(file, text);
            LatencyChart.redraw(dir);
            PipelineBench.log("report: %s", file.toAbsolutePath());
        } else {
            Files.writeString(dir.resolve("pipeline-trial.md"), md);
            List<LatencyChart.Series> s = LatencyChart.fromCsv(dir.resolve("pipeline-trial.csv"), "after");
            LatencyChart.write(dir.resolve("pipeline-trial.png"), "trial run", s);
            PipelineBench.log("report: %s (no -label: trial run, results/ untouched)", dir.resolve("pipeline-trial.md").toAbsolutePath());
        }
        System.out.println(md);
    }

    static String csv(PipelineBench b, PipelineBench.PgBench pg) {
        StringBuilder s = new StringBuilder("kind,offered_per_s,achieved_per_s,ok,p50_ms,p99_ms,max_ms,errors,dropped,"
                + "degree_p50_ms,degree_p99_ms,degree_n,sse_p50_ms,sse_p99_ms,sse_n\n");
        for (PipelineBench.StepResult r : b.steps) {
            boolean acc = r.kind.equals("accept");
            s.append(String.format(Locale.ROOT, "%s,%.0f,%.2f,%d,%.3f,%.3f,%.3f,%d,%d,%.3f,%.3f,%d,%.3f,%.3f,%d%n",
                    r.kind, r.offered, r.http.achieved(), r.http.okCount, ms(r.http.ok.getValueAtPercentile(50)),
                    ms(r.http.ok.getValueAtPercentile(99)), ms(r.http.ok.getMaxValue()), r.http.errors(), r.http.dropped,
                    acc ? ms(r.degree.getValueAtPercentile(50)) : -1, acc ? ms(r.degree.getValueAtPercentile(99)) : -1,
                    r.degree.getTotalCount(), acc ? ms(r.sse.getValueAtPercentile(50)) : -1,
                    acc ? ms(r.sse.getValueAtPercentile(99)) : -1, r.sse.getTotalCount()));
        }
        if (pg != null) {
            s.append(String.format(Locale.ROOT, "# pgbench_tps,%.1f%n", pg.tps()));
        }
        return s.toString();
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }

    static String section(PipelineBench b, PipelineBench.PgBench pg) throws IOException {
        StringBuilder md = new StringBuilder();
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        md.append("Run of ").append(b.runStarted).append(" to ").append(Instant.now()).append(", on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(cpu).append("), Java ")
                .append(System.getProperty("java.version")).append(". Commit `").append(git("rev-parse", "--short", "HEAD"))
                .append("`").append(git("status", "--porcelain", "--untracked-files=no", "--", "../platform",
                        "../invitation-service", "../connection-service", "../notification-service", "../profile-service")
                        .isBlank() ? "" : " (with uncommitted changes in the services)").append(".\n\n");
        md.append("```\n").append(b.command).append("\n```\n\n");
        if (!b.note.isBlank()) {
            md.append(b.note).append("\n\n");
        }
        md.append("Steps of ").append(b.stepSeconds).append(" s, open loop (each request due at a fixed time; latency from that "
                + "time, so corrected for coordinated omission; at most ").append(b.maxOutstanding)
                .append(" outstanding, beyond that a request is dropped and counted). The SEND step at R/s makes the pending "
                        + "invitations that the ACCEPT step at R/s then accepts. Achieved = 2xx answers that arrived within "
                        + "the step / step length. The ladder stops when a step achieves less than ")
                .append(Math.round(b.stopRatio * 100)).append("% of its offered rate or its p99 passes ").append(b.stopP99Ms)
                .append(" ms.\n\n");

        md.append("| step | offered /s | achieved /s | ok | HTTP p50 | p99 | max | errors (by status) | dropped / late / no work |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (PipelineBench.StepResult r : b.steps) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %d | %s | %s | %s | %s | %d / %d / %d |%n", r.kind,
                    r.offered, r.http.achieved(), r.http.okCount, t(r.http.ok.getValueAtPercentile(50), r.http.okCount),
                    t(r.http.ok.getValueAtPercentile(99), r.http.okCount), t(r.http.ok.getMaxValue(), r.http.okCount),
                    r.http.errorText() + (r.http.unanswered > 0 ? ", unanswered after the drain: " + r.http.unanswered : ""),
                    r.http.dropped, r.http.late, r.http.noWork));
        }
        md.append("\nPropagation of the accepts (from the accept's 200 answer): connection-service answering degree 1st to "
                + "the inviter (a sample of up to ").append(fmt(b.degreeRate)).append(" accepts/s, at most ")
                .append(b.degreeInflight).append(" polling at once, each polled every ").append(b.degreePollMs)
                .append(" ms, given up after ").append(b.degreeTimeoutSeconds).append(" s), and the inviter's badge stream pushing the new "
                        + "My Network count (up to ").append(fmt(b.sseRate)).append(" sampled accepts/s over at most ")
                .append(b.sseStreams).append(" open streams, one sampled accept in flight per streaming inviter; a push "
                        + "that arrives before the HTTP answer counts as 0 and as early).\n\n");
        md.append("| accept step | degree 1st p50 | p99 | max | n (missed) | degree polls | SSE push p50 | p99 | max | n (missed, early) | streams |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PipelineBench.StepResult r : b.steps) {
            if (!r.kind.equals("accept")) {
                continue;
            }
            long dn = r.degree.getTotalCount();
            long sn = r.sse.getTotalCount();
            md.append(String.format(Locale.ROOT, "| %.0f /s | %s | %s | %s | %d (%d) | %d | %s | %s | %s | %d (%d, %d) | %d |%n",
                    r.offered, t(r.degree.getValueAtPercentile(50), dn), t(r.degree.getValueAtPercentile(99), dn),
                    t(r.degree.getMaxValue(), dn), dn, r.degreeMissed.get(), r.degreePolls.get(),
                    t(r.sse.getValueAtPercentile(50), sn), t(r.sse.getValueAtPercentile(99), sn), t(r.sse.getMaxValue(), sn),
                    sn, r.sseMissed, r.sseEarly, r.streamsOpen));
        }

        // CPU
        Set<String> procs = new LinkedHashSet<>();
        b.steps.forEach(r -> procs.addAll(r.cpuSeconds().keySet()));
        md.append("\nCPU of each process during the offered load of the step (user + system from /proc/<pid>/stat; 100% = "
                + "one core, the machine has ").append(Runtime.getRuntime().availableProcessors() * 100).append("%). "
                + "Suite CPU per 2xx: the CPU seconds of every process but the bench, divided by the step's 2xx answers "
                + "(work still queued in the consumers' lag at the end of the step is not in it, so at saturation it reads "
                + "low):\n\n");
        md.append("| step |");
        procs.forEach(p -> md.append(' ').append(p).append(" |"));
        md.append(" total | suite CPU per 2xx |\n|---|");
        procs.forEach(p -> md.append("---|"));
        md.append("---|---|\n");
        for (PipelineBench.StepResult r : b.steps) {
            Map<String, Double> c = r.cpuSeconds();
            double wall = r.wallNanos / 1e9;
            md.append(String.format(Locale.ROOT, "| %s %.0f/s |", r.kind, r.offered));
            double total = 0;
            for (String p : procs) {
                Double s = c.get(p);
                total += s == null ? 0 : s;
                md.append(s == null ? " - |" : String.format(Locale.ROOT, " %.0f%% (%.0f s) |", s / wall * 100, s));
            }
            Double own = c.get("bench (this JVM)");
            double suite = total - (own == null ? 0 : own);
            long ok = r.http.ok.getTotalCount();
            md.append(String.format(Locale.ROOT, " %.0f%% | %s |%n", total / wall * 100,
                    ok == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", suite * 1000 / ok)));
        }

        // lag
        Set<String> groups = new TreeMap<String, Long>().keySet();
        Set<String> gs = new LinkedHashSet<>(groups);
        b.steps.forEach(r -> gs.addAll(new TreeMap<>(r.lagAtEnd).keySet()));
        md.append("\nConsumer lag (records) of each consumer group when the step's offered load ended (AdminClient: end "
                + "offsets minus committed offsets); the next step starts only once every group is back at 0:\n\n| step |");
        gs.forEach(g -> md.append(' ').append(g).append(" |"));
        md.append("\n|---|");
        gs.forEach(g -> md.append("---|"));
        md.append('\n');
        for (PipelineBench.StepResult r : b.steps) {
            md.append(String.format(Locale.ROOT, "| %s %.0f/s |", r.kind, r.offered));
            gs.forEach(g -> md.append(' ').append(r.lagAtEnd.getOrDefault(g, -1L) < 0 ? "-" : r.lagAtEnd.get(g)).append(" |"));
            md.append('\n');
        }

        // waits
        md.append("\nWhere PostgreSQL sessions were (pg_stat_activity, sessions not idle, sampled every ")
                .append(b.waitSampleMs).append(" ms during the step): the top waits, as average sessions per sample, "
                        + "by database (`CPU (no wait)` = active without a wait event):\n\n");
        md.append("| step | samples | top waits (avg sessions) |\n|---|---|---|\n");
        for (PipelineBench.StepResult r : b.steps) {
            int n = Math.max(1, r.waitSamples.get());
            List<Map.Entry<String, Integer>> top = new ArrayList<>(r.waits.entrySet());
            top.sort((x, y) -> Integer.compare(y.getValue(), x.getValue()));
            StringBuilder w = new StringBuilder();
            for (int i = 0; i < Math.min(8, top.size()); i++) {
                w.append(i == 0 ? "" : "; ").append(top.get(i).getKey().replace("|", "/")).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f", top.get(i).getValue() / (double) n));
            }
            md.append(String.format(Locale.ROOT, "| %s %.0f/s | %d | %s |%n", r.kind, r.offered, r.waitSamples.get(),
                    w.length() == 0 ? "none" : w));
        }

        // errors seen
        List<String> examples = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PipelineBench.StepResult r : b.steps) {
            synchronized (r.sampleErrors) {
                for (String e : r.sampleErrors) {
                    Matcher reason = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]*)\"").matcher(e);
                    String key = r.kind + " " + e.split(" ")[0] + " " + (reason.find() ? reason.group(1) : e);
                    if (examples.size() < 6 && seen.add(key)) {
                        examples.add(r.kind + " " + fmt(r.offered) + "/s: " + (e.length() > 200 ? e.substring(0, 200) + "..." : e));
                    }
                }
            }
        }
        if (!examples.isEmpty()) {
            md.append("\nExamples of refused requests:\n\n");
            examples.forEach(e -> md.append("- `").append(e.replace("`", "'")).append("`\n"));
        }

        // pgbench and the ratio
        double best = 0;
        double bestAny = 0;
        for (PipelineBench.StepResult r : b.steps) {
            if (r.kind.equals("accept")) {
                bestAny = Math.max(bestAny, r.http.achieved());
                if (r.http.achieved() >= b.stopRatio * r.http.offered
                        && r.http.ok.getValueAtPercentile(99) / 1000 <= b.stopP99Ms) {
                    best = Math.max(best, r.http.achieved());
                }
            }
        }
        md.append("\n**Best sustained accepts**: ").append(String.format(Locale.ROOT, "%.1f/s", best))
                .append(" (the highest accept step that achieved at least ").append(Math.round(b.stopRatio * 100))
                .append("% of its offered rate; the highest achieved in any accept step: ")
                .append(String.format(Locale.ROOT, "%.1f/s", bestAny)).append(").\n\n");
        if (pg != null) {
            md.append(String.format(Locale.ROOT, "**pgbench TPC-B** on the same PostgreSQL, services idle, database "
                    + "`trellis_pgbench` (`%s` once, then `%s`): **%.0f tps** (latency average %.1f ms).%n%n", pg.init(),
                    pg.command(), pg.tps(), pg.latencyMs()));
            md.append(String.format(Locale.ROOT, "**Ratio** best sustained accepts / pgbench tps = %.1f / %.0f = **%.3f** "
                    + "(goal >= 1.0).%n%n", best, pg.tps(), best / pg.tps()));
        } else {
            md.append("pgbench was not run (-pgbench false).\n\n");
        }
        // targets
        PipelineBench.StepResult at1000 = null;
        for (PipelineBench.StepResult r : b.steps) {
            if (r.kind.equals("accept") && r.offered >= 1000 && at1000 == null) {
                at1000 = r;
            }
        }
        md.append("Targets: 5,000 accepted invitations/s sustained: **").append(best >= 5000 ? "met" : "not met")
                .append("** (").append(String.format(Locale.ROOT, "%.0f/s", best)).append("); ratio >= 1.0: **")
                .append(pg == null ? "not measured" : best / pg.tps() >= 1.0 ? "met" : "not met")
                .append("**; p99 accept -> SSE push <= 100 ms at 1,000 accepts/s: **");
        if (at1000 == null) {
            md.append("not measured** (no accept step at 1,000/s or more)");
        } else {
            long p99 = at1000.sse.getValueAtPercentile(99) / 1000;
            md.append(p99 <= 100 && at1000.sse.getTotalCount() > 0 && at1000.http.achieved() >= b.stopRatio * at1000.offered
                    ? "met" : "not met").append("** (").append(p99).append(" ms at ").append(fmt(at1000.offered))
                    .append("/s offered)");
        }
        md.append(".\n\n");

        // settings
        md.append("Settings. PostgreSQL (`SHOW`): ");
        List<String> s = new ArrayList<>();
        b.pgSettings.forEach((k, v) -> s.add("`" + k + "` = " + v));
        md.append(String.join(", ", s)).append(". Kafka producer of the outbox relay (as configured in ")
                .append("`platform/.../outbox/OutboxRelay.java` at this commit): ").append(producerSettings())
                .append(". Service JVMs: the launcher's defaults (`TRELLIS_JAVA_OPTS`: ")
                .append(System.getenv().getOrDefault("TRELLIS_JAVA_OPTS", "-Xmx256m")).append("). Data set: ")
                .append(b.ds.members.size()).append(" members (signed up through profile-service, kept in `")
                .append(b.data).append("`), ").append(b.ds.pairs.size()).append(" member pairs used so far.\n");
        return md.toString();
    }

    /** The ProducerConfig settings put by the relay, read from its source. */
    static String producerSettings() {
        for (String p : List.of("../platform/src/main/java/dev/trellis/platform/outbox/OutboxRelay.java",
                "platform/src/main/java/dev/trellis/platform/outbox/OutboxRelay.java")) {
            Path f = Path.of(p);
            if (Files.exists(f)) {
                try {
                    Matcher m = Pattern.compile("ProducerConfig\\.([A-Z_]+)_CONFIG,\\s*([^)]+)\\)")
                            .matcher(Files.readString(f));
                    List<String> out = new ArrayList<>();
                    while (m.find()) {
                        String k = m.group(1);
                        if (k.contains("SERIALIZER") || k.equals("BOOTSTRAP_SERVERS") || k.equals("CLIENT_ID")) {
                            continue;
                        }
                        out.add("`" + k.toLowerCase(Locale.ROOT).replace('_', '.') + "` = " + m.group(2).strip());
                    }
                    m = Pattern.compile("ProducerConfig\\.(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION),\\s*([^)]+)\\)")
                            .matcher(Files.readString(f));
                    while (m.find()) {
                        out.add("`max.in.flight.requests.per.connection` = " + m.group(2).strip());
                    }
                    return out.isEmpty() ? "(none found)" : String.join(", ", out);
                } catch (IOException e) {
                    return "(unreadable)";
                }
            }
        }
        return "(OutboxRelay.java not found)";
    }

    private static String git(String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("git"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    static String t(long micros, long n) {
        if (n == 0) {
            return "-";
        }
        double ms = micros / 1000.0;
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : ms >= 10
                ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private Report() {
    }
}
