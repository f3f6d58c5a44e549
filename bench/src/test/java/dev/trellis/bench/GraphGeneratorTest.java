package dev.trellis.bench;

import dev.trellis.connection.index.GraphIndex;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator is reproducible, exact in size, and power-law shaped; a tiny graph loads into the index. */
class GraphGeneratorTest {
    static final GraphGenerator.Params SMALL = new GraphGenerator.Params(5_000, 50_000, 2.2, 1_000, 7);

    @Test
    void the_same_seed_gives_the_same_graph() {
        long[] a = GraphGenerator.generate(SMALL, false).pairs();
        long[] b = GraphGenerator.generate(SMALL, false).pairs();
        assertArrayEquals(a, b);
        long[] c = GraphGenerator.generate(new GraphGenerator.Params(5_000, 50_000, 2.2, 1_000, 8), false).pairs();
        assertNotEquals(Arrays.hashCode(a), Arrays.hashCode(c));
        assertEquals(GraphGenerator.memberId(7, 3), GraphGenerator.memberId(7, 3));
        assertNotEquals(GraphGenerator.memberId(7, 3), GraphGenerator.memberId(7, 4));
        assertEquals(4, GraphGenerator.memberId(7, 3).version());
    }

    @Test
    void exactly_the_requested_distinct_pairs_with_a_heavy_tail_under_the_cap() {
        GraphGenerator.Graph g = GraphGenerator.generate(SMALL, false);
        long[] pairs = g.pairs();
        assertEquals(50_000, pairs.length);
        for (int i = 0; i < pairs.length; i++) {
            assertTrue(GraphGenerator.Graph.a(pairs[i]) < GraphGenerator.Graph.b(pairs[i]));
            if (i > 0) {
                assertTrue(pairs[i - 1] < pairs[i], "sorted and distinct");
            }
        }
        int[] deg = g.degrees().clone();
        Arrays.sort(deg);
        int max = deg[deg.length - 1];
        int median = deg[deg.length / 2];
        assertTrue(max <= 1_000, "cap " + max);
        assertTrue(max > 10 * median, "heavy tail: max " + max + " median " + median);
    }

    @Test
    void a_generated_graph_loads_into_the_index() {
        GraphGenerator.Graph g = GraphGenerator.generate(SMALL, false);
        GraphIndex index = GraphBench.buildIndex(g, false);
        assertEquals(50_000, index.connectionCount());
        assertEquals(5_000, index.memberCount());
        int[] degrees = g.degrees();
        for (int i = 0; i < 5_000; i++) {
            assertEquals(degrees[i], index.connectionCountOf(index.indexOf(GraphGenerator.memberId(7, i))));
        }
        for (int i = 1; i < 5_000; i++) {
            assertTrue(index.connectionCountOf(i - 1) >= index.connectionCountOf(i), "most-connected first");
        }
    }
}
