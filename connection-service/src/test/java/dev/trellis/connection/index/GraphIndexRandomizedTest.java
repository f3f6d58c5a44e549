package dev.trellis.connection.index;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index against a naive, obviously-correct implementation (boxed sets, plain BFS) on random graphs. */
class GraphIndexRandomizedTest {

    /** The naive model. */
    static final class Naive {
        final List<TreeSet<Integer>> adj = new ArrayList<>();

        Naive(int n) {
            for (int i = 0; i < n; i++) {
                adj.add(new TreeSet<>());
            }
        }

        boolean add(int a, int b) {
            adj.get(b).add(a);
            return adj.get(a).add(b);
        }

        boolean remove(int a, int b) {
            adj.get(b).remove(a);
            return adj.get(a).remove(b);
        }

        int[] distances(int a) {
            int[] d = new int[adj.size()];
            Arrays.fill(d, -1);
            d[a] = 0;
            ArrayDeque<Integer> q = new ArrayDeque<>(List.of(a));
            while (!q.isEmpty()) {
                int v = q.poll();
                for (int u : adj.get(v)) {
                    if (d[u] < 0) {
                        d[u] = d[v] + 1;
                        q.add(u);
                    }
                }
            }
            return d;
        }

        int degree(int a, int b) {
            int d = distances(a)[b];
            return d > 3 ? -1 : d;
        }

        List<Integer> mutuals(int a, int b) {
            if (a == b) {
                return List.of();
            }
            List<Integer> out = new ArrayList<>(adj.get(a));
            out.retainAll(adj.get(b));
            return out;
        }

        int count(int a, int dist) {
            return (int) Arrays.stream(distances(a)).filter(x -> x == dist).count();
        }

        /** Full PYMK ranking as "member:count". */
        List<int[]> pymk(int a, IntPredicate exclude) {
            int[] d = distances(a);
            List<int[]> out = new ArrayList<>();
            for (int v = 0; v < adj.size(); v++) {
                if (d[v] == 2 && (exclude == null || !exclude.test(v))) {
                    out.add(new int[]{v, mutuals(a, v).size()});
                }
            }
            out.sort(Comparator.<int[]>comparingInt(x -> -x[1]).thenComparingInt(x -> x[0]));
            return out;
        }

        /** Every shortest path (<= 3 hops) in lexicographic order. */
        List<int[]> paths(int a, int b) {
            int deg = degree(a, b);
            List<int[]> out = new ArrayList<>();
            if (deg == 1) {
                out.add(new int[]{a, b});
            } else if (deg == 2) {
                for (int m : mutuals(a, b)) {
                    out.add(new int[]{a, m, b});
                }
            } else if (deg == 3) {
                for (int x : adj.get(a)) {
                    for (int y : adj.get(x)) {
                        if (adj.get(b).contains(y)) {
                            out.add(new int[]{a, x, y, b});
                        }
                    }
                }
            }
            return out;
        }
    }

    static void compare(GraphIndex g, Naive m, Random rnd, int n) {
        long edges = m.adj.stream().mapToLong(Set::size).sum() / 2;
        assertEquals(edges, g.connectionCount());
        for (int a = 0; a < n; a++) {
            int[] expectedRow = m.adj.get(a).stream().mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expectedRow, g.connectionsOf(a), "row " + a);
            for (int b = 0; b < n; b++) {
                assertEquals(m.degree(a, b), g.degree(a, b), "degree " + a + "," + b);
                List<Integer> mut = m.mutuals(a, b);
                assertEquals(mut.size(), g.mutualCount(a, b));
                assertArrayEquals(mut.stream().mapToInt(Integer::intValue).toArray(), g.mutuals(a, b, 0, 1000));
                int off = rnd.nextInt(4);
                int lim = rnd.nextInt(4);
                int[] page = mut.stream().skip(off).limit(lim).mapToInt(Integer::intValue).toArray();
                assertArrayEquals(page, g.mutuals(a, b, off, lim), "mutual page " + a + "," + b);
                List<int[]> allPaths = m.paths(a, b);
                int limit = 1 + rnd.nextInt(4);
                int[][] got = g.shortestPaths(a, b, 3, limit);
                assertEquals(Math.min(limit, allPaths.size()), got.length, "paths " + a + "," + b);
                for (int i = 0; i < got.length; i++) {
                    assertArrayEquals(allPaths.get(i), got[i], "path " + i + " of " + a + "," + b);
                }
            }
            int[] expectedNetwork = {m.count(a, 2), m.count(a, 3)};
            assertEquals(expectedNetwork[0], g.secondDegreeSize(a));
            assertEquals(expectedNetwork[1], g.thirdDegreeSize(a));
            for (GraphIndex.Mode m2 : GraphIndex.Mode.values()) {
                for (GraphIndex.Mode m3 : GraphIndex.Mode.values()) {
                    assertArrayEquals(expectedNetwork, g.networkSizes(a, true, m2, m3), "network " + a);
                }
            }
            int seed = rnd.nextInt();
            IntPredicate exclude = v -> ((v * 31 + seed) & 3) == 0;
            for (IntPredicate ex : new IntPredicate[]{null, exclude}) {
                List<int[]> expected = m.pymk(a, ex);
                int limit = 1 + rnd.nextInt(8);
                Suggestions s = g.pymk(a, limit, ex);
                assertEquals(Math.min(limit, expected.size()), s.size(), "pymk size " + a);
                for (int i = 0; i < s.size(); i++) {
                    assertEquals(expected.get(i)[0], s.member(i), "pymk " + a + " #" + i);
                    assertEquals(expected.get(i)[1], s.mutualCount(i), "pymk count " + a + " #" + i);
                }
            }
        }
    }

    @Test
    void random_graphs_agree_with_the_naive_implementation() {
        for (long seed = 1; seed <= 6; seed++) {
            Random rnd = new Random(seed);
            int n = 30 + rnd.nextInt(40);
            int e = n + rnd.nextInt(3 * n);
            Naive m = new Naive(n);
            // insertion numbering, tiny blocks and pruning from the first query: pruning must not depend on
            // the most-connected-first numbering for correctness
            GraphIndex.Builder b = GraphIndex.builder(n, e).orderByDegree(false).blockShift(2);
            for (int i = 0; i < n; i++) {
                b.member(new UUID(seed, i));
            }
            // a few hubs so that galloping paths and bottom-up levels are exercised
            for (int i = 0; i < e; i++) {
                int a = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextInt(n);
                int c = rnd.nextInt(n);
                if (a != c) {
                    m.add(a, c);
                    b.addEdge(a, c);
                    if (rnd.nextInt(5) == 0) {
                        b.addEdge(c, a); // duplicates in either direction are dropped
                    }
                }
            }
            GraphIndex g = b.build();
            g.pruneAboveWork = 0;
            g.firstCut = 4;
            compare(g, m, rnd, n);

            // random adds and removes, compared after each batch
            for (int round = 0; round < 4; round++) {
                for (int k = 0; k < n; k++) {
                    int a = rnd.nextInt(n);
                    int c = rnd.nextInt(n);
                    if (a == c) {
                        continue;
                    }
                    if (rnd.nextBoolean()) {
                        assertEquals(m.add(a, c), g.addEdge(a, c));
                    } else {
                        assertEquals(m.remove(a, c), g.removeEdge(a, c));
                    }
                }
                compare(g, m, rnd, n);
            }
        }
    }

    @Test
    void an_index_built_incrementally_equals_one_bulk_built() {
        Random rnd = new Random(99);
        int n = 200;
        GraphIndex inc = new GraphIndex();
        GraphIndex.Builder b = GraphIndex.builder(0, 0).orderByDegree(false); // grows from tiny
        Set<Long> pairs = new HashSet<>();
        for (int i = 0; i < n; i++) {
            inc.addMember(new UUID(7, i));
            b.member(new UUID(7, i));
        }
        for (int i = 0; i < 2000; i++) {
            int a = rnd.nextInt(n);
            int c = rnd.nextInt(n);
            if (a != c) {
                boolean fresh = pairs.add((long) Math.min(a, c) << 32 | Math.max(a, c));
                assertEquals(fresh, inc.addEdge(a, c));
                b.addEdge(a, c);
            }
        }
        GraphIndex bulk = b.build();
        assertEquals(pairs.size(), bulk.connectionCount());
        assertEquals(pairs.size(), inc.connectionCount());
        for (int a = 0; a < n; a++) {
            assertArrayEquals(bulk.connectionsOf(a), inc.connectionsOf(a));
            assertEquals(bulk.pymk(a, 20, null), inc.pymk(a, 20, null));
        }
        assertEquals(bulk.memory().adjacencyBytes() > 0, true);
    }

    /**
     * Preferential-attachment graphs (a few big hubs), numbered most-connected first, with tiny blocks and
     * pruning from the first query on: the pruned PYMK must rank exactly like the naive one, before and after
     * random changes (which loosen the block bounds).
     */
    @Test
    void pruned_pymk_is_exact_on_graphs_with_hubs() {
        long pruned = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Random rnd = new Random(seed);
            int n = 300 + rnd.nextInt(200);
            List<int[]> edges = new ArrayList<>();
            List<Integer> ends = new ArrayList<>();
            for (int v = 1; v < n; v++) {
                int m = 1 + rnd.nextInt(Math.min(v, 6));
                for (int k = 0; k < m; k++) {
                    int u = ends.isEmpty() || rnd.nextInt(5) == 0 ? rnd.nextInt(v) : ends.get(rnd.nextInt(ends.size()));
                    edges.add(new int[]{v, u});
                    ends.add(u);
                    ends.add(v);
                }
            }
            GraphIndex.Builder b = GraphIndex.builder(n, edges.size()).blockShift(2);
            for (int i = 0; i < n; i++) {
                b.member(new UUID(seed, i));
            }
            for (int[] e : edges) {
                b.addEdge(e[0], e[1]);
            }
            GraphIndex g = b.build();
            g.pruneAboveWork = 0;
            g.firstCut = 4;
            int[] to = new int[n];
            for (int i = 0; i < n; i++) {
                to[i] = g.indexOf(new UUID(seed, i));
            }
            Naive m = new Naive(n); // in g's numbering
            for (int[] e : edges) {
                m.add(to[e[0]], to[e[1]]);
            }
            comparePymk(g, m, rnd, n);
            for (int k = 0; k < n; k++) {
                int a = rnd.nextInt(n);
                int c = rnd.nextInt(n);
                if (a != c) {
                    if (rnd.nextInt(3) == 0) {
                        assertEquals(m.remove(a, c), g.removeEdge(a, c));
                    } else {
                        assertEquals(m.add(a, c), g.addEdge(a, c));
                    }
                }
            }
            comparePymk(g, m, rnd, n);
            pruned += g.prunedQueries;
        }
        assertTrue(pruned > 100, "pruning was exercised: " + pruned);
    }

    static void comparePymk(GraphIndex g, Naive m, Random rnd, int n) {
        for (int a = 0; a < n; a++) {
            int seed = rnd.nextInt();
            IntPredicate exclude = v -> ((v * 31 + seed) & 7) == 0;
            for (int limit : new int[]{1, 3, 5, 20}) {
                for (IntPredicate ex : new IntPredicate[]{null, exclude}) {
                    List<int[]> expected = m.pymk(a, ex);
                    Suggestions s = g.pymk(a, limit, ex);
                    assertEquals(Math.min(limit, expected.size()), s.size(), "pymk size " + a);
                    for (int i = 0; i < s.size(); i++) {
                        assertEquals(expected.get(i)[0], s.member(i), "pymk " + a + " #" + i + " limit " + limit);
                        assertEquals(expected.get(i)[1], s.mutualCount(i));
                    }
                }
            }
        }
    }

    /** Dense graphs: long rows take the bitset intersection; count and pages must match the naive sets. */
    @Test
    void mutual_connections_of_long_rows() {
        for (long seed = 1; seed <= 3; seed++) {
            Random rnd = new Random(seed);
            int n = 120 + rnd.nextInt(60);
            Naive m = new Naive(n);
            GraphIndex.Builder b = GraphIndex.builder(n, n * n / 4).orderByDegree(false);
            for (int i = 0; i < n; i++) {
                b.member(new UUID(seed, i));
            }
            double p = 0.3 + 0.5 * rnd.nextDouble();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (rnd.nextDouble() < (i < 5 ? 0.05 : p)) { // a few short rows too
                        m.add(i, j);
                        b.addEdge(i, j);
                    }
                }
            }
            GraphIndex g = b.build();
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < n; c++) {
                    List<Integer> mut = m.mutuals(a, c);
                    int off = rnd.nextInt(Math.max(1, mut.size() + 2));
                    int lim = rnd.nextInt(30);
                    MutualConnections mc = g.mutualConnections(a, c, off, lim);
                    assertEquals(mut.size(), mc.total(), "total " + a + "," + c);
                    assertEquals(mut.size(), g.mutualCount(a, c));
                    assertArrayEquals(mut.stream().skip(off).limit(lim).mapToInt(Integer::intValue).toArray(), mc.members(),
                            "page " + a + "," + c);
                }
            }
        }
    }
}
