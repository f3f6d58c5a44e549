package dev.trellis.bench.pipeline;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the bench reads beside HTTP: CPU of each process (/proc), Kafka consumer lag, PostgreSQL (psql). */
final class Probes implements AutoCloseable {
    private final Path pidDir;
    private final Admin kafka;
    final String pgHost;
    final String pgPort;
    final String pgUser;
    static final long TICKS = 100; // USER_HZ

    Probes(Path pidDir, String bootstrap, String pgHost, String pgPort, String pgUser) {
        this.pidDir = pidDir;
        this.pgHost = pgHost;
        this.pgPort = pgPort;
        this.pgUser = pgUser;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-pipeline");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        this.kafka = Admin.create(p);
    }

    // ---- CPU

    /** Process name -> CPU ticks (user + system) now: the launcher's pid files, all postgres processes summed, the bench. */
    Map<String, Long> cpuTicks() {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(pidDir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".pid")) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(Files.readString(f).strip());
                    long t = ticks(pid);
                    if (t >= 0) {
                        out.put(name.substring(0, name.length() - 4), t);
                    }
                } catch (IOException | NumberFormatException ignored) {
                    // not running
                }
            }
        } catch (IOException ignored) {
            // no pid dir
        }
        long pg = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.equals("postgres") || comm.startsWith("postgres:")) {
                        pg += ticksOf(stat);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // gone
                }
            }
        } catch (IOException ignored) {
            // no /proc
        }
        out.put("postgres (all)", pg);
        out.put("bench (this JVM)", ticks(ProcessHandle.current().pid()));
        return out;
    }

    private static long ticks(long pid) {
        try {
            return ticksOf(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException e) {
            return -1;
        }
    }

    private static long ticksOf(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state=0 ... utime=11 stime=12 cutime=13 cstime=14 (fields 14-17 of proc(5)); the
        // children's times count the processes that ended and were waited for (postgres backends that closed,
        // the bench's psql calls), so a sum over the processes alive at two instants does not lose them
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    // ---- Kafka

    /** Consumer group -> total lag (end offsets minus committed offsets, over the group's partitions). */
    Map<String, Long> lag() {
        Map<String, Long> out = new TreeMap<>();
        try {
            List<String> groups = new ArrayList<>();
            for (ConsumerGroupListing g : kafka.listConsumerGroups().all().get(15, TimeUnit.SECONDS)) {
                groups.add(g.groupId());
            }
            for (String g : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(g)
                        .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
                committed.keySet().forEach(tp -> ask.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = ask.isEmpty() ? Map.of()
                        : kafka.listOffsets(ask).all().get(15, TimeUnit.SECONDS);
                long lag = 0;
                for (var e : committed.entrySet()) {
                    if (e.getValue() != null && ends.containsKey(e.getKey())) {
                        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                out.put(g, lag);
            }
        } catch (Exception e) {
            PipelineBench.log("consumer lag unavailable: %s", e);
        }
        return out;
    }

    // ---- PostgreSQL

    /** One psql command's output lines (unaligned, tuples only, '|' separated). */
    List<String> psql(String db, String sql) {
        try {
            Process p = new ProcessBuilder("psql", "-h", pgHost, "-p", pgPort, "-U", pgUser, "-d", db, "-X", "-A", "-t",
                    "-v", "ON_ERROR_STOP=1", "-c", sql).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("psql " + sql + ": " + text);
            }
            return text.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("psql not runnable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The active sessions of each database by wait (type:event, or CPU when running without a wait). */
    Map<String, Integer> waits() {
        Map<String, Integer> out = new HashMap<>();
        for (String l : psql("postgres", "SELECT coalesce(datname,'-') || CASE WHEN state = 'active' THEN '' "
                + "ELSE ' (' || state || ')' END, coalesce(wait_event_type || ':' || wait_event, "
                + "'CPU (no wait)'), count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                + "AND backend_type = 'client backend' AND state NOT IN ('idle') GROUP BY 1, 2")) {
            String[] f = l.split("\\|");
            out.merge(f[0] + " " + f[1], Integer.parseInt(f[2]), Integer::sum);
        }
        return out;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
