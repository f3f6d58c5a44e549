package dev.trellis.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A seeded, reproducible power-law graph (Chung-Lu via degree stubs).
 *
 * <ol>
 *   <li>Each member draws a weight from a Pareto law {@code P(w > x) ~ x^-(gamma-1)}; the weights are scaled
 *       so that their sum is {@code 2 x connections}, clamped to [1, 0.8 x maxDegree], and rounded
 *       stochastically to integer target degrees.</li>
 *   <li>Every member contributes target-degree "stubs"; a connection joins two stubs drawn uniformly, so a
 *       member is an endpoint with probability proportional to its target degree.</li>
 *   <li>Self-pairs are skipped, duplicates removed, and the deficit redrawn until there are exactly
 *       {@code connections} distinct pairs.</li>
 * </ol>
 * The same parameters always give the same graph (single-threaded {@link SplittableRandom}; sorting is
 * deterministic). Member {@code i} has the UUID {@link #memberId(long, int)}.
 */
public final class GraphGenerator {

    public record Params(int members, long connections, double gamma, int maxDegree, long seed) {
        public Params {
            if (members < 2 || connections < 1 || gamma <= 2.0 || maxDegree < 2) {
                throw new IllegalArgumentException("bad generator parameters");
            }
            if (connections > (long) members * (members - 1) / 4) {
                throw new IllegalArgumentException("too many connections for " + members + " members");
            }
        }
    }

    /** Distinct undirected pairs, packed {@code (long) a << 32 | b} with {@code a < b}, ascending. */
    public record Graph(Params params, long[] pairs) {
        public int members() {
            return params.members();
        }

        public static int a(long pair) {
            return (int) (pair >>> 32);
        }

        public static int b(long pair) {
            return (int) pair;
        }

        public int[] degrees() {
            int[] deg = new int[members()];
            for (long p : pairs) {
                deg[a(p)]++;
                deg[b(p)]++;
            }
            return deg;
        }
    }

    private GraphGenerator() {
    }

    /** A random-looking, reproducible version-4 UUID for member {@code i} of a graph seeded {@code seed}. */
    public static UUID memberId(long seed, int i) {
        long msb = mix(seed * 0x9E3779B97F4A7C15L + 2L * i);
        long lsb = mix(seed * 0xC2B2AE3D27D4EB4FL + 2L * i + 1);
        msb = (msb & ~0xF000L) | 0x4000L;
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static Graph generate(Params p, boolean progress) {
        int n = p.members();
        long m = p.connections();
        if (2 * m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("at most ~1 billion connections");
        }
        SplittableRandom rnd = new SplittableRandom(p.seed());

        // 1. weights -> integer target degrees summing to ~2m
        double[] w = new double[n];
        double exponent = -1.0 / (p.gamma() - 1.0);
        for (int i = 0; i < n; i++) {
            w[i] = Math.pow(1.0 - rnd.nextDouble(), exponent);
        }
        double cap = Math.max(1.0, 0.8 * p.maxDegree());
        double lo = 1e-9;
        double hi = 1e9;
        for (int it = 0; it < 200; it++) {
            double mid = Math.sqrt(lo * hi);
            double sum = 0;
            for (double x : w) {
                sum += Math.min(cap, Math.max(1.0, mid * x));
            }
            if (sum < 2.0 * m) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double scale = Math.sqrt(lo * hi);
        int[] target = new int[n];
        long stubCount = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.min(cap, Math.max(1.0, scale * w[i]));
            int k = (int) x;
            if (rnd.nextDouble() < x - k) {
                k++;
            }
            target[i] = k;
            stubCount += k;
        }
        w = null;
        int[] stubs = new int[(int) stubCount];
        int s = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < target[i]; k++) {
                stubs[s++] = i;
            }
        }
        target = null;

        // 2. sample pairs of stubs; 3. dedupe and top up until exactly m distinct pairs
        long[] pairs = new long[(int) m];
        int have = 0;
        int round = 0;
        Progress bar = progress ? new Progress("generating connections", m) : null;
        while (have < m) {
            int want = (int) (m - have);
            int from = have;
            for (int k = 0; k < want; ) {
                int x = stubs[rnd.nextInt(stubs.length)];
                int y = stubs[rnd.nextInt(stubs.length)];
                if (x == y) {
                    continue;
                }
                pairs[from + k++] = x < y ? (long) x << 32 | y : (long) y << 32 | x;
                if (bar != null && (k & 0xFFFF) == 0) {
                    bar.update(have + k);
                }
            }
            if (round == 0) {
                Arrays.parallelSort(pairs);
                have = distinct(pairs, 0, pairs.length);
            } else {
                have = mergeTail(pairs, have, pairs.length);
            }
            round++;
            if (bar != null) {
                bar.update(have);
            }
        }
        if (bar != null) {
            bar.done();
        }
        return new Graph(p, pairs);
    }

    /** Compacts {@code a[from, to)} (sorted) to distinct values; returns the new end. */
    private static int distinct(long[] a, int from, int to) {
        if (to - from < 2) {
            return to;
        }
        int w = from + 1;
        for (int i = from + 1; i < to; i++) {
            if (a[i] != a[w - 1]) {
                a[w++] = a[i];
            }
        }
        return w;
    }

    /**
     * {@code a[0, have)} is sorted and distinct, {@code a[have, end)} are new samples: keeps the new ones that
     * are distinct and not already present, merged in order. Returns the new count.
     */
    private static int mergeTail(long[] a, int have, int end) {
        long[] tail = Arrays.copyOfRange(a, have, end);
        Arrays.sort(tail);
        int t = distinct(tail, 0, tail.length);
        int keep = 0;
        for (int i = 0; i < t; i++) {
            if (Arrays.binarySearch(a, 0, have, tail[i]) < 0) {
                tail[keep++] = tail[i];
            }
        }
        // merge from the back
        int i = have - 1;
        int j = keep - 1;
        int w = have + keep - 1;
        while (j >= 0) {
            if (i >= 0 && a[i] > tail[j]) {
                a[w--] = a[i--];
            } else {
                a[w--] = tail[j--];
            }
        }
        return have + keep;
    }
}
