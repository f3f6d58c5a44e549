package dev.trellis.bench.pipeline;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The seeded data set, kept between runs so that bcrypt sign-ups are paid once: the members with their credentials
 * and current tokens (refresh tokens rotate: the file always holds the newest), when each member sent (for
 * invitation-service's weekly quota of {@value #WEEKLY_QUOTA} per rolling 7 days), every pair that was ever used
 * (pending, connected or unknown: never picked again) and the invitations still pending.
 *
 * <p>Tab-separated lines, rewritten atomically (temp file + move):
 * <pre>
 * # trellis-pipeline-dataset v1 profileDb=OID
 * M  idx  memberId  email  password  token  tokenExpiresAtMs  refreshToken  dead(0|1)  sendTimesMs,comma,separated
 * P  a,b a,b ...                    (used pairs, member indexes)
 * I  invitationId  fromIdx  toIdx   (pending invitations)
 * </pre>
 * The header's PostgreSQL oid of database trellis_profile tells a data set made against databases that were dropped
 * since ({@code deploy/local/trellis reset}): such a file is set aside and a new one started.
 */
final class Dataset {
    static final int WEEKLY_QUOTA = 100; // invitation-service Standing.BASE_QUOTA
    static final long WEEK_MS = 7L * 24 * 3600 * 1000;

    static final class Member {
        final int idx;
        final String id;
        final String email;
        final String password;
        volatile String token;
        volatile long tokenExpiresAt;
        volatile String refreshToken;
        volatile boolean dead;
        final List<Long> sends = new ArrayList<>();

        Member(int idx, String id, String email, String password, String token, long tokenExpiresAt,
               String refreshToken) {
            this.idx = idx;
            this.id = id;
            this.email = email;
            this.password = password;
            this.token = token;
            this.tokenExpiresAt = tokenExpiresAt;
            this.refreshToken = refreshToken;
        }

        synchronized int remaining(long now) {
            sends.removeIf(t -> t < now - WEEK_MS);
            return dead ? 0 : Math.max(0, WEEKLY_QUOTA - sends.size());
        }

        synchronized void sent(long now) {
            sends.add(now);
        }

        /** invitation-service said the quota is used up: count it as full for a week. */
        synchronized void quotaExhausted(long now) {
            while (sends.size() < WEEKLY_QUOTA) {
                sends.add(now);
            }
        }
    }

    record Pending(String invitationId, int from, int to) {
    }

    final List<Member> members = new ArrayList<>();
    final Set<Long> pairs = new HashSet<>();
    final List<Pending> pending = new ArrayList<>();
    String profileDb;

    static long pair(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }

    /** Marks the pair used; false if it was used already. */
    synchronized boolean claim(int a, int b) {
        return pairs.add(pair(a, b));
    }

    synchronized boolean used(int a, int b) {
        return pairs.contains(pair(a, b));
    }

    synchronized Member add(String id, String email, String password, String token, long expiresAt, String refresh) {
        Member m = new Member(members.size(), id, email, password, token, expiresAt, refresh);
        members.add(m);
        return m;
    }

    synchronized void addPending(Pending p) {
        pending.add(p);
    }

    static Dataset load(Path file, String profileDb) throws IOException {
        Dataset d = new Dataset();
        d.profileDb = profileDb;
        if (!Files.exists(file)) {
            return d;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            String stored = header == null ? null
                    : header.replaceFirst("^# trellis-pipeline-dataset v1 profileDb=", "");
            if (header == null || !header.startsWith("# trellis-pipeline-dataset v1") || !stored.equals(profileDb)) {
                Path aside = file.resolveSibling(file.getFileName() + ".stale-" + System.currentTimeMillis());
                Files.move(file, aside);
                PipelineBench.log("data set %s was made against other databases (trellis_profile oid %s, now %s): "
                        + "moved to %s, starting a new one", file, stored, profileDb, aside);
                return d;
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "M" -> {
                        Member m = new Member(Integer.parseInt(f[1]), f[2], f[3], f[4], f[5], Long.parseLong(f[6]), f[7]);
                        m.dead = "1".equals(f[8]);
                        if (!f[9].isEmpty()) {
                            for (String t : f[9].split(",")) {
                                m.sends.add(Long.parseLong(t));
                            }
                        }
                        if (m.idx != d.members.size()) {
                            throw new IOException("member lines out of order at " + m.idx);
                        }
                        d.members.add(m);
                    }
                    case "P" -> {
                        for (int i = 1; i < f.length; i++) {
                            int c = f[i].indexOf(',');
                            d.pairs.add(pair(Integer.parseInt(f[i].substring(0, c)), Integer.parseInt(f[i].substring(c + 1))));
                        }
                    }
                    case "I" -> d.pending.add(new Pending(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
                    default -> throw new IOException("unknown line in " + file + ": " + line);
                }
            }
        }
        return d;
    }

    synchronized void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        long now = System.currentTimeMillis();
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write("# trellis-pipeline-dataset v1 profileDb=" + profileDb + "\n");
            for (Member m : members) {
                StringBuilder sends = new StringBuilder();
                synchronized (m) {
                    m.sends.removeIf(t -> t < now - WEEK_MS);
                    for (Long t : m.sends) {
                        if (sends.length() > 0) {
                            sends.append(',');
                        }
                        sends.append(t);
                    }
                }
                out.write(String.join("\t", "M", Integer.toString(m.idx), m.id, m.email, m.password, m.token,
                        Long.toString(m.tokenExpiresAt), m.refreshToken, m.dead ? "1" : "0", sends) + "\n");
            }
            StringBuilder line = new StringBuilder("P");
            int n = 0;
            for (long p : pairs) {
                line.append('\t').append((int) (p >>> 32)).append(',').append((int) p);
                if (++n % 1000 == 0) {
                    out.write(line.append('\n').toString());
                    line.setLength(0);
                    line.append('P');
                }
            }
            if (n % 1000 != 0) {
                out.write(line.append('\n').toString());
            }
            for (Pending p : pending) {
                out.write("I\t" + p.invitationId() + "\t" + p.from() + "\t" + p.to() + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    synchronized int alive() {
        return (int) members.stream().filter(m -> !m.dead).count();
    }

    int quotaFree(long now) {
        int sum = 0;
        for (Member m : snapshot()) {
            sum += m.remaining(now);
        }
        return sum;
    }

    synchronized List<Member> snapshot() {
        return new ArrayList<>(members);
    }
}
