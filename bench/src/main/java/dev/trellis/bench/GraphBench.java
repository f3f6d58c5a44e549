package dev.trellis.bench;

import dev.trellis.connection.index.GraphIndex;
import dev.trellis.connection.index.MemoryReport;
import dev.trellis.connection.index.MutualConnections;
import dev.trellis.connection.index.Suggestions;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntToLongFunction;

/**
 * The graph benchmark: generate a seeded power-law graph, bulk-load the {@link GraphIndex}, time the
 * questions on the index (HdrHistogram, after a warm-up), load the same edges into PostgreSQL and time the
 * same questions as SQL in the same run, cross-check the answers, and write {@code results/graph.md} and
 * {@code results/graph.png}.
 *
 * <p>Options ({@code -name value}): see {@link #DEFAULTS}.
 */
public final class GraphBench {
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("members", "1000000");
        DEFAULTS.put("connections", "50000000");
        DEFAULTS.put("gamma", "2.2");           // power-law exponent of the degree distribution
        DEFAULTS.put("max-degree", "30000");    // the connection cap
        DEFAULTS.put("seed", "42");
        DEFAULTS.put("fast-samples", "200000"); // index samples for degree and mutuals
        DEFAULTS.put("slow-samples", "5000");   // index samples for PYMK, network sizes, paths
        DEFAULTS.put("warmup-seconds", "5");    // per query
        DEFAULTS.put("sql", "true");
        DEFAULTS.put("sql-url", "jdbc:postgresql://127.0.0.1:5432/trellis_bench");
        DEFAULTS.put("sql-user", "postgres");
        DEFAULTS.put("sql-fast-samples", "5000");
        DEFAULTS.put("sql-slow-samples", "500");
        DEFAULTS.put("sql-weighted-samples", "50");
        DEFAULTS.put("sql-budget-seconds", "240"); // per query: stop sampling SQL after this long
        DEFAULTS.put("sql-timeout-seconds", "120");
        DEFAULTS.put("copy-threads", "2");
        DEFAULTS.put("out", "results/graph.md");
        DEFAULTS.put("chart", "results/graph.png");
    }

    static volatile long sink;

    /** One line of the results table. */
    static final class Row {
        final String name;
        final String sample;
        final long targetNanos; // index p99 target, 0 = none
        Histogram index;
        Histogram sql;
        int sqlTimeouts;
        int sqlMismatches;
        boolean sqlStoppedByBudget;

        Row(String name, String sample, long targetNanos) {
            this.name = name;
            this.sample = sample;
            this.targetNanos = targetNanos;
        }
    }

    interface SqlOp {
        Object run(int i) throws SQLException;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < argv.length; i++) {
            String k = argv[i];
            if (!k.startsWith("-") || !DEFAULTS.containsKey(k.substring(1)) || i + 1 >= argv.length) {
                System.err.println("usage: GraphBench " + DEFAULTS.keySet().stream().map(x -> "[-" + x + " v]")
                        .reduce((x, y) -> x + " " + y).orElse("") + "\n  defaults: " + DEFAULTS);
                System.exit(2);
            }
            opt.put(k.substring(1), argv[++i]);
        }
        int mismatches = new GraphBench(opt, String.join(" ", argv)).run();
        if (mismatches > 0) {
            System.err.println(mismatches + " SQL answers differ from the index's: see the report");
            System.exit(1);
        }
    }

    private final Map<String, String> opt;
    private final String args;
    private final StringBuilder notes = new StringBuilder();

    GraphBench(Map<String, String> opt, String args) {
        this.opt = opt;
        this.args = args;
    }

    private int i(String k) {
        return Integer.parseInt(opt.get(k).replace("_", ""));
    }

    private long l(String k) {
        return Long.parseLong(opt.get(k).replace("_", ""));
    }

    private String loadStart;

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Runs the benchmark and writes the report; returns the number of SQL answers that differ from the index's. */
    int run() throws Exception {
        long runStart = System.nanoTime();
        loadStart = loadavg();
        GraphGenerator.Params params = new GraphGenerator.Params(i("members"), l("connections"),
                Double.parseDouble(opt.get("gamma")), i("max-degree"), l("seed"));
        System.err.printf("Trellis graph bench: %,d members, %,d connections, gamma %s, seed %d%n",
                params.members(), params.connections(), params.gamma(), params.seed());

        long t0 = System.nanoTime();
        GraphGenerator.Graph graph = GraphGenerator.generate(params, true);
        double genSeconds = (System.nanoTime() - t0) / 1e9;

        long heapBefore = usedHeapAfterGc();
        t0 = System.nanoTime();
        GraphIndex index = buildIndex(graph, true);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        long heapAfter = usedHeapAfterGc();
        long measuredIndexBytes = heapAfter - heapBefore;
        graph = null;
        MemoryReport memory = index.memory();
        System.err.printf("  index built in %.1f s: %s; measured heap growth %,d B (%.2f B/connection)%n",
                buildSeconds, memory, measuredIndexBytes, (double) measuredIndexBytes / memory.connections());
        String degreeStats = degreeStats(index);
        System.err.println("  " + degreeStats);

        // ---------------------------------------------------------------- samples
        long seed = params.seed();
        Sampler s = new Sampler(index, new SplittableRandom(seed * 31 + 7));
        Sampler w = new Sampler(index, new SplittableRandom(seed * 31 + 8)); // warm-up samples
        int fast = i("fast-samples");
        int slow = i("slow-samples");
        int[][] degreePairs = s.degreePairs(fast);
        int[][] degreeWarm = w.degreePairs(Math.min(fast, 50_000));
        int[][] mutualPairs = s.mutualPairs(fast, 1000);
        int[][] mutualWarm = w.mutualPairs(Math.min(fast, 50_000), 1000);
        int[] uniform = s.uniformMembers(slow);
        int[] uniformWarm = w.uniformMembers(Math.min(slow, 2000));
        int[] weighted = s.weightedMembers(slow);
        int[] weightedWarm = w.weightedMembers(Math.min(slow, 2000));
        int[][] pathPairs = s.degreePairs(slow);
        int[][] pathWarm = w.degreePairs(Math.min(slow, 2000));

        double warm = Double.parseDouble(opt.get("warmup-seconds"));
        List<Row> rows = new ArrayList<>();
        Row degree = new Row("degree(a, b)", "pairs: 1/3 a connection, 1/3 a 2-step walk, 1/3 uniform", 20_000);
        Row mutuals = new Row("mutuals: count + first 20", "pairs of members with <= 1,000 connections", 50_000);
        Row pymk = new Row("PYMK top 20", "uniform member", 5_000_000);
        Row second = new Row("exact 2nd-degree size", "uniform member", 20_000_000);
        Row pymkW = new Row("PYMK top 20", "degree-weighted member (stress)", 0);
        Row secondW = new Row("exact 2nd-degree size", "degree-weighted member (stress)", 0);
        Row third = new Row("exact 3rd-degree size", "uniform member", 0);
        Row paths = new Row("3 shortest paths (<= 3 hops)", "pairs as for degree", 0);
        rows.addAll(List.of(degree, mutuals, pymk, second, pymkW, secondW, third, paths));

        System.err.println("Index: warm-up " + warm + " s per query, then timed samples");
        degree.index = time("degree", degreePairs[0].length, k -> index.degree(degreePairs[0][k], degreePairs[1][k]),
                k -> index.degree(degreeWarm[0][k], degreeWarm[1][k]), degreeWarm[0].length, warm);
        mutuals.index = time("mutuals", mutualPairs[0].length, k -> mutualsOp(index, mutualPairs, k),
                k -> mutualsOp(index, mutualWarm, k), mutualWarm[0].length, warm);
        pymk.index = time("pymk", uniform.length, k -> pymkOp(index, uniform[k]),
                k -> pymkOp(index, uniformWarm[k]), uniformWarm.length, warm);
        second.index = time("2nd degree", uniform.length, k -> index.secondDegreeSize(uniform[k]),
                k -> index.secondDegreeSize(uniformWarm[k]), uniformWarm.length, warm);
        pymkW.index = time("pymk (weighted)", weighted.length, k -> pymkOp(index, weighted[k]),
                k -> pymkOp(index, weightedWarm[k]), weightedWarm.length, warm);
        secondW.index = time("2nd degree (weighted)", weighted.length, k -> index.secondDegreeSize(weighted[k]),
                k -> index.secondDegreeSize(weightedWarm[k]), weightedWarm.length, warm);
        int thirdN = Math.min(slow, 1000);
        third.index = time("3rd degree", thirdN, k -> index.thirdDegreeSize(uniform[k]),
                k -> index.thirdDegreeSize(uniformWarm[k]), Math.min(uniformWarm.length, 200), warm);
        paths.index = time("paths", pathPairs[0].length, k -> index.shortestPaths(pathPairs[0][k], pathPairs[1][k], 3, 3).length,
                k -> index.shortestPaths(pathWarm[0][k], pathWarm[1][k], 3, 3).length, pathWarm[0].length, warm);
        int[] degreeMix = new int[5];
        for (int k = 0; k < degreePairs[0].length; k++) {
            degreeMix[index.degree(degreePairs[0][k], degreePairs[1][k]) + 1]++;
        }

        // ---------------------------------------------------------------- SQL
        SqlBaseline sql = null;
        if (Boolean.parseBoolean(opt.get("sql"))) {
            sql = new SqlBaseline(opt.get("sql-url"), opt.get("sql-user"));
            String fingerprint = String.format(Locale.ROOT, "v1 members=%d connections=%d gamma=%s maxDegree=%d seed=%d",
                    params.members(), params.connections(), params.gamma(), params.maxDegree(), params.seed());
            sql.prepare(index, fingerprint, i("copy-threads"));
            sql.statementTimeout(i("sql-timeout-seconds"));
            SqlBaseline q = sql;
            System.err.println("PostgreSQL: " + sql.tableSize + "; warm-up, then timed samples (the first samples of the index's lists)");
            for (int k = 0; k < 30; k++) {
                q.degree(index.memberId(degreeWarm[0][k]), index.memberId(degreeWarm[1][k]));
                q.mutuals(index.memberId(mutualWarm[0][k]), index.memberId(mutualWarm[1][k]));
            }
            for (int k = 0; k < 3; k++) {
                q.pymk(index.memberId(uniformWarm[k]));
                q.secondDegreeSize(index.memberId(uniformWarm[k]));
            }
            int sqlFast = i("sql-fast-samples");
            int sqlSlow = i("sql-slow-samples");
            int sqlWeighted = i("sql-weighted-samples");
            timeSql(degree, "degree", Math.min(sqlFast, degreePairs[0].length),
                    k -> q.degree(index.memberId(degreePairs[0][k]), index.memberId(degreePairs[1][k])),
                    (k, got) -> (int) got == index.degree(degreePairs[0][k], degreePairs[1][k]));
            timeSql(mutuals, "mutuals", Math.min(sqlFast, mutualPairs[0].length),
                    k -> q.mutuals(index.memberId(mutualPairs[0][k]), index.memberId(mutualPairs[1][k])),
                    (k, got) -> {
                        int expected = index.mutualCount(mutualPairs[0][k], mutualPairs[1][k]);
                        int[] g = (int[]) got;
                        return g[0] == expected && g[1] == Math.min(20, expected);
                    });
            timeSql(pymk, "pymk", Math.min(sqlSlow, uniform.length), k -> q.pymk(index.memberId(uniform[k])),
                    (k, got) -> Arrays.equals((int[]) got, index.pymk(uniform[k], 20, null).mutualCounts()));
            timeSql(second, "2nd degree", Math.min(sqlSlow, uniform.length),
                    k -> q.secondDegreeSize(index.memberId(uniform[k])),
                    (k, got) -> (int) got == index.secondDegreeSize(uniform[k]));
            timeSql(pymkW, "pymk (weighted)", Math.min(sqlWeighted, weighted.length),
                    k -> q.pymk(index.memberId(weighted[k])),
                    (k, got) -> Arrays.equals((int[]) got, index.pymk(weighted[k], 20, null).mutualCounts()));
            timeSql(secondW, "2nd degree (weighted)", Math.min(sqlWeighted, weighted.length),
                    k -> q.secondDegreeSize(index.memberId(weighted[k])),
                    (k, got) -> (int) got == index.secondDegreeSize(weighted[k]));
        }

        double totalMinutes = (System.nanoTime() - runStart) / 60e9;
        write(params, index, memory, measuredIndexBytes, degreeStats, genSeconds, buildSeconds, rows, degreeMix, sql,
                totalMinutes);
        if (sql != null) {
            sql.close();
        }
        System.err.println("sink " + sink);
        return rows.stream().mapToInt(r -> r.sqlMismatches).sum();
    }

    // -------------------------------------------------------------------- the operations

    static long mutualsOp(GraphIndex index, int[][] pairs, int k) {
        int a = pairs[0][k];
        int b = pairs[1][k];
        MutualConnections m = index.mutualConnections(a, b, 0, 20);
        return m.total() + m.members().length;
    }

    static long pymkOp(GraphIndex index, int a) {
        Suggestions s = index.pymk(a, 20, null);
        return s.size() == 0 ? 0 : s.member(0) + s.mutualCount(0);
    }

    // -------------------------------------------------------------------- timing

    static Histogram time(String label, int n, IntToLongFunction op, IntToLongFunction warmOp, int warmN,
                          double warmSeconds) {
        long end = System.nanoTime() + (long) (warmSeconds * 1e9);
        long acc = 0;
        int w = 0;
        Progress bar = new Progress("index " + label + " (warm-up)", (long) (warmSeconds * 1000));
        long start = System.nanoTime();
        while (System.nanoTime() < end || w < Math.min(warmN, 100)) {
            acc += warmOp.applyAsLong(w % warmN);
            w++;
            if ((w & 63) == 0) {
                bar.update((System.nanoTime() - start) / 1_000_000);
            }
        }
        bar.done();
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        bar = new Progress("index " + label, n);
        for (int k = 0; k < n; k++) {
            long t0 = System.nanoTime();
            long v = op.applyAsLong(k);
            long t1 = System.nanoTime();
            h.recordValue(t1 - t0);
            acc += v;
            if ((k & 255) == 0) {
                bar.update(k);
            }
        }
        bar.done();
        sink += acc;
        return h;
    }

    /** Times the SQL call only; the comparison with the index's answer runs outside the measurement. */
    void timeSql(Row row, String label, int n, SqlOp op, java.util.function.BiPredicate<Integer, Object> check)
            throws SQLException {
        long budget = l("sql-budget-seconds") * 1_000_000_000L;
        long timeout = l("sql-timeout-seconds") * 1_000_000_000L;
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        Progress bar = new Progress("PostgreSQL " + label, n);
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) {
            if (System.nanoTime() - start > budget) {
                row.sqlStoppedByBudget = true;
                break;
            }
            long t0 = System.nanoTime();
            Object got;
            try {
                got = op.run(k);
                h.recordValue(System.nanoTime() - t0);
            } catch (SQLException e) {
                if ("57014".equals(e.getSQLState())) { // statement timeout
                    row.sqlTimeouts++;
                    h.recordValue(Math.max(timeout, System.nanoTime() - t0));
                    bar.update(k + 1);
                    continue;
                }
                throw e;
            }
            if (!check.test(k, got)) {
                row.sqlMismatches++;
                if (row.sqlMismatches <= 3) {
                    System.err.println("\n  MISMATCH " + label + " sample " + k + ": SQL " + (got instanceof int[] a
                            ? Arrays.toString(a) : got));
                }
            }
            bar.update(k + 1);
        }
        bar.done();
        row.sql = h;
    }

    // -------------------------------------------------------------------- sampling

    /** Seeded sample lists over the built index. */
    static final class Sampler {
        final GraphIndex g;
        final SplittableRandom rnd;
        final int n;
        final long[] prefix; // prefix sums of connection counts, for degree-weighted sampling

        Sampler(GraphIndex g, SplittableRandom rnd) {
            this.g = g;
            this.rnd = rnd;
            this.n = g.memberCount();
            prefix = new long[n + 1];
            for (int i = 0; i < n; i++) {
                prefix[i + 1] = prefix[i] + g.connectionCountOf(i);
            }
        }

        int uniform() {
            while (true) {
                int a = rnd.nextInt(n);
                if (g.connectionCountOf(a) > 0) {
                    return a;
                }
            }
        }

        int uniformCapped(int maxConnections) {
            while (true) {
                int a = uniform();
                if (g.connectionCountOf(a) <= maxConnections) {
                    return a;
                }
            }
        }

        int weighted() {
            long x = rnd.nextLong(prefix[n]);
            int p = Arrays.binarySearch(prefix, x);
            int i = p >= 0 ? p : -p - 2;
            while (g.connectionCountOf(i) == 0 || prefix[i + 1] <= x) {
                i++;
            }
            return i;
        }

        int neighbour(int a) {
            int[] row = g.connectionsOf(a);
            return row[rnd.nextInt(row.length)];
        }

        int twoStep(int a) {
            for (int tries = 0; tries < 10; tries++) {
                int b = neighbour(neighbour(a));
                if (b != a) {
                    return b;
                }
            }
            return uniform();
        }

        int[][] degreePairs(int count) {
            int[][] p = new int[2][count];
            for (int k = 0; k < count; k++) {
                int a = uniform();
                int kind = rnd.nextInt(3);
                p[0][k] = a;
                p[1][k] = kind == 0 ? neighbour(a) : kind == 1 ? twoStep(a) : uniform();
            }
            return p;
        }

        int[][] mutualPairs(int count, int maxConnections) {
            int[][] p = new int[2][count];
            for (int k = 0; k < count; k++) {
                int a = uniformCapped(maxConnections);
                int b = -1;
                if (rnd.nextBoolean()) {
                    for (int tries = 0; tries < 20 && b < 0; tries++) {
                        int c = twoStep(a);
                        if (c != a && g.connectionCountOf(c) <= maxConnections) {
                            b = c;
                        }
                    }
                }
                if (b < 0) {
                    do {
                        b = uniformCapped(maxConnections);
                    } while (b == a);
                }
                p[0][k] = a;
                p[1][k] = b;
            }
            return p;
        }

        int[] uniformMembers(int count) {
            int[] out = new int[count];
            for (int k = 0; k < count; k++) {
                out[k] = uniform();
            }
            return out;
        }

        int[] weightedMembers(int count) {
            int[] out = new int[count];
            for (int k = 0; k < count; k++) {
                out[k] = weighted();
            }
            return out;
        }
    }

    // -------------------------------------------------------------------- building and measuring memory

    static GraphIndex buildIndex(GraphGenerator.Graph graph, boolean progress) {
        GraphGenerator.Params p = graph.params();
        GraphIndex.Builder b = GraphIndex.builder(p.members(), graph.pairs().length);
        Progress bar = progress ? new Progress("building the index", p.members() + (long) graph.pairs().length) : null;
        for (int i = 0; i < p.members(); i++) {
            UUID id = GraphGenerator.memberId(p.seed(), i);
            int idx = b.member(id.getMostSignificantBits(), id.getLeastSignificantBits());
            if (idx != i) {
                throw new IllegalStateException("duplicate member id at " + i);
            }
            if ((i & 0xFFFF) == 0 && bar != null) {
                bar.update(i);
            }
        }
        long[] pairs = graph.pairs();
        for (int k = 0; k < pairs.length; k++) {
            long pr = pairs[k];
            b.addEdge(GraphGenerator.Graph.a(pr), GraphGenerator.Graph.b(pr));
            if ((k & 0xFFFFF) == 0 && bar != null) {
                bar.update(p.members() + (long) k);
            }
        }
        GraphIndex index = b.build();
        if (bar != null) {
            bar.done();
        }
        return index;
    }

    static long usedHeapAfterGc() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String degreeStats(GraphIndex g) {
        int n = g.memberCount();
        int[] deg = new int[n];
        int isolated = 0;
        int capped = 0;
        for (int i = 0; i < n; i++) {
            deg[i] = g.connectionCountOf(i);
            isolated += deg[i] == 0 ? 1 : 0;
            capped += deg[i] <= 1000 ? 1 : 0;
        }
        Arrays.sort(deg);
        return String.format(Locale.ROOT,
                "connections per member: min %d, median %d, mean %.1f, p90 %d, p99 %d, p99.9 %d, max %d; "
                        + "%,d members without connections; %.2f%% have <= 1,000",
                deg[0], deg[n / 2], 2.0 * g.connectionCount() / n, deg[(int) (n * 0.9)], deg[(int) (n * 0.99)],
                deg[(int) (n * 0.999)], deg[n - 1], isolated, 100.0 * capped / n);
    }

    // -------------------------------------------------------------------- report

    static String fmt(long ns) {
        return Chart.nanos(ns);
    }

    private void write(GraphGenerator.Params params, GraphIndex index, MemoryReport memory, long measuredBytes,
                       String degreeStats, double genSeconds, double buildSeconds, List<Row> rows, int[] degreeMix,
                       SqlBaseline sql, double totalMinutes) throws IOException {
        StringBuilder md = new StringBuilder();
        String when = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String heap = System.getProperty("bench.heap", Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
        String command = "./mvnw -B -q -f bench/pom.xml exec:exec -Dbench.heap=" + heap
                + (args.isBlank() ? "" : " -Dbench.args=\"" + args + "\"");
        md.append("# Graph index vs PostgreSQL\n\n");
        md.append("Generated by `bench/` (`dev.trellis.bench.GraphBench`) on ").append(when).append(", in ")
                .append(String.format(Locale.ROOT, "%.1f", totalMinutes)).append(" minutes.\n\n");
        md.append("```\n").append(command).append("\n```\n\n");
        md.append("- machine: ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(ram()).append(" RAM\n");
        md.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", heap ").append(heap)
                .append(", G1; single-threaded measurement\n");
        md.append("- load average (1/5/15 min) at start ").append(loadStart).append(", at end ").append(loadavg())
                .append(" (the machine is shared: other builds may run at the same time)\n");
        if (sql != null) {
            md.append("- PostgreSQL: ").append(sql.serverVersion.replaceAll(" on .*", "")).append(", default server settings"
                    + " (shared_buffers as configured); session `jit = off`, `work_mem = 256MB`\n");
        }
        md.append("\n## Graph\n\n");
        md.append(String.format(Locale.ROOT,
                "- %,d members, %,d connections (undirected; %,d adjacency entries), power law gamma = %s, connection "
                        + "cap %,d, seed %d\n", params.members(), memory.connections(), 2 * memory.connections(),
                params.gamma(), params.maxDegree(), params.seed()));
        md.append("- ").append(degreeStats).append('\n');
        md.append(String.format(Locale.ROOT, "- generated in %.1f s; index bulk-built (UUID interning + edges + sort) in %.1f s\n",
                genSeconds, buildSeconds));
        md.append(String.format(Locale.ROOT,
                "- degree sample answers: 1st %,d, 2nd %,d, 3rd %,d, out of network %,d\n",
                degreeMix[2], degreeMix[3], degreeMix[4], degreeMix[0]));

        md.append("\n## Memory\n\n");
        md.append(String.format(Locale.ROOT,
                "- computed from the index's arrays: %s\n- measured: heap growth after full GC across the bulk load "
                        + "%,d B = **%.2f B per connection**\n- target <= 10 B per connection: **%s**\n",
                memory, measuredBytes, (double) measuredBytes / memory.connections(),
                Math.max(memory.bytesPerConnection(), (double) measuredBytes / memory.connections()) <= 10 ? "met" : "NOT met"));

        md.append("\n## Latency\n\n");
        md.append("| query | sample | index n | index p50 | index p99 | index max | target (index p99) | "
                + "SQL n | SQL p50 | SQL p99 | p50 ratio | p99 ratio |\n");
        md.append("|---|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|\n");
        List<Chart.Group> groups = new ArrayList<>();
        for (Row r : rows) {
            long ip50 = r.index.getValueAtPercentile(50);
            long ip99 = r.index.getValueAtPercentile(99);
            String target = r.targetNanos == 0 ? "-" : "<= " + fmt(r.targetNanos) + ": **"
                    + (ip99 <= r.targetNanos ? "met" : "NOT met") + "**";
            String sqlN = "-";
            String sp50 = "-";
            String sp99 = "-";
            String rp50 = "-";
            String rp99 = "-";
            long s50 = -1;
            long s99 = -1;
            if (r.sql != null && r.sql.getTotalCount() > 0) {
                s50 = r.sql.getValueAtPercentile(50);
                s99 = r.sql.getValueAtPercentile(99);
                sqlN = r.sql.getTotalCount() + (r.sqlTimeouts > 0 ? " (" + r.sqlTimeouts + " timed out)" : "")
                        + (r.sqlStoppedByBudget ? " (budget)" : "");
                sp50 = fmt(s50);
                sp99 = fmt(s99);
                rp50 = ratio(s50, ip50);
                rp99 = ratio(s99, ip99);
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                    r.name, r.sample, r.index.getTotalCount(), fmt(ip50), fmt(ip99), fmt(r.index.getMaxValue()), target,
                    sqlN, sp50, sp99, rp50, rp99));
            String label = r.name.replace(": count + first 20", "").replace(" (<= 3 hops)", "") + "\n"
                    + (r.sample.startsWith("degree-weighted") ? "(degree-weighted)" : r.sample.startsWith("uniform") ? "(uniform)" : "");
            groups.add(new Chart.Group(label, ip50, ip99, s50, s99, r.targetNanos));
        }

        md.append("\n## Targets\n\n");
        for (Row r : rows) {
            if (r.targetNanos > 0) {
                long ip99 = r.index.getValueAtPercentile(99);
                md.append(String.format(Locale.ROOT, "- %s, index p99 %s vs target %s: **%s**\n", r.name, fmt(ip99),
                        fmt(r.targetNanos), ip99 <= r.targetNanos ? "met" : "NOT met"));
            }
        }
        if (sql != null) {
            for (Row r : rows) {
                if (r.sql != null && r.sql.getTotalCount() > 0) {
                    double q50 = (double) r.sql.getValueAtPercentile(50) / r.index.getValueAtPercentile(50);
                    double q99 = (double) r.sql.getValueAtPercentile(99) / r.index.getValueAtPercentile(99);
                    md.append(String.format(Locale.ROOT, "- %s (%s) at least 100x faster than SQL: p50 %.0fx, p99 %.0fx: **%s**\n",
                            r.name, r.sample.replaceAll(":.*", ""), q50, q99, q50 >= 100 && q99 >= 100 ? "met" : "NOT met"));
                }
            }
        } else {
            md.append("- at least 100x faster than SQL: not measured in this run (`-sql false`)\n");
        }
        md.append(String.format(Locale.ROOT, "- index memory <= 10 B per connection: computed %.2f, measured %.2f: **%s**\n",
                memory.bytesPerConnection(), (double) measuredBytes / memory.connections(),
                Math.max(memory.bytesPerConnection(), (double) measuredBytes / memory.connections()) <= 10 ? "met" : "NOT met"));
        md.append("- HTTP degree p99 <= 2 ms at 10,000 requests/s: measured by bench/http/degree.sh, see [http.md](http.md)\n");

        md.append("\n![index vs PostgreSQL latency](graph.png)\n");

        md.append("\n## How it was measured\n\n");
        md.append("- The index: one thread calls the query for each sample and records `System.nanoTime()` deltas in "
                + "an HdrHistogram (3 significant digits), after a warm-up of " + opt.get("warmup-seconds")
                + " s per query on a separate, equally drawn sample set (so the JIT has compiled the code). "
                + "Results feed a sink so that nothing is optimised away.\n");
        md.append("- Samples are seeded: members with at least one connection, drawn uniformly (every member "
                + "equally likely to ask) or degree-weighted (the endpoint of a random connection, which favours "
                + "hubs: the stress rows). Degree pairs: 1/3 (member, one of its connections), 1/3 (member, a "
                + "2-step random walk), 1/3 (member, uniform member). Mutual pairs: both members have at most "
                + "1,000 connections; half are 2-step walks (they share connections), half uniform.\n");
        md.append("- mutuals = `mutualConnections(a, b, 0, 20)` (the count and the first page of 20, one pass); PYMK = `pymk(a, 20, null)`; network "
                + "sizes are exact (no sampling).\n");
        if (sql != null) {
            md.append(String.format(Locale.ROOT,
                    "- PostgreSQL: the same edges in `trellis_bench.connection (member_id uuid, other_id uuid)`, one row "
                            + "per direction (%,d rows), loaded with COPY (%s), then `PRIMARY KEY (member_id, other_id)` "
                            + "and `VACUUM ANALYZE` (%s), so that the questions are answered by index-only scans; %s. "
                            + "The table is UNLOGGED (no WAL for a throw-away table; reads are unaffected) and was "
                            + "pre-warmed into the OS cache with pg_prewarm.%s\n",
                    2 * memory.connections(), seconds(sql.loadMillis), seconds(sql.indexMillis), sql.tableSize,
                    sql.reused ? " It was loaded by an earlier run with the same graph fingerprint and reused." : ""));
            md.append("- The SQL samples are the first N samples of the same lists the index was timed on, run one "
                    + "after another on one connection with prepared statements after a short warm-up; a query "
                    + "kind stops early when its time budget (" + opt.get("sql-budget-seconds")
                    + " s) is used up (marked \"budget\"); statement timeout " + opt.get("sql-timeout-seconds")
                    + " s (a timed-out query counts as the timeout). The ratio is SQL percentile / index percentile.\n");
            int mismatches = rows.stream().mapToInt(r -> r.sqlMismatches).sum();
            long compared = rows.stream().filter(r -> r.sql != null).mapToLong(r -> r.sql.getTotalCount() - r.sqlTimeouts).sum();
            md.append(String.format(Locale.ROOT, "- Cross-check: every SQL answer was compared with the index's "
                    + "(degree; mutual count and page size; PYMK top-20 mutual counts; 2nd-degree size): %,d compared, "
                    + "**%d mismatches**.\n", compared, mismatches));
            md.append("\nThe SQL:\n\n```sql\n-- degree(a, b)\n").append(SqlBaseline.DEGREE)
                    .append("\n\n-- mutuals: count + first page\n").append(SqlBaseline.MUTUALS)
                    .append("\n\n-- PYMK top 20\n").append(SqlBaseline.PYMK)
                    .append("\n\n-- exact 2nd-degree size\n").append(SqlBaseline.SECOND).append("\n```\n");
        }
        md.append(notes);
        Path out = Path.of(opt.get("out"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md.toString());
        Chart.write(new File(opt.get("chart")), String.format(Locale.ROOT,
                "Graph index vs PostgreSQL: %,d members, %,d connections", params.members(), memory.connections()), groups);
        System.err.println("wrote " + out.toAbsolutePath() + " and " + opt.get("chart"));
        System.out.println(md);
    }

    static String ratio(long sqlNanos, long indexNanos) {
        double r = (double) sqlNanos / Math.max(1, indexNanos);
        return String.format(Locale.ROOT, r >= 100 ? "%,.0fx" : "%.1fx", r);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.0f s", millis / 1000.0);
    }

    static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(x -> x.startsWith("model name"))
                    .findFirst().map(x -> x.replaceAll(".*:\\s*", "")).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    static String ram() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(x -> x.startsWith("MemTotal"))
                    .findFirst().map(x -> String.format(Locale.ROOT, "%.0f GB",
                            Long.parseLong(x.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
