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
            GraphIndex.Builder b = GraphIndex.builder(n, e);
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
        GraphIndex.Builder b = GraphIndex.builder(0, 0); // grows from tiny
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
}
