package dev.trellis.connection.index;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One writer adds and removes connections and members while readers query: readers never fail, always see
 * sorted rows, and answers about a stable part of the graph never change.
 */
class GraphIndexConcurrencyTest {

    @Test
    void readers_run_lock_free_beside_one_writer() throws Exception {
        // stable part: a path 0-1-2-3 that the writer never touches
        GraphIndex g = new GraphIndex();
        for (int i = 0; i < 4; i++) {
            g.addMember(new UUID(1, i));
        }
        g.addEdge(0, 1);
        g.addEdge(1, 2);
        g.addEdge(2, 3);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            Random rnd = new Random(1);
            try {
                for (int i = 0; i < 40_000 && failure.get() == null; i++) {
                    int n = g.memberCount();
                    if (i % 10 == 0 && n < 3000) {
                        g.addMember(new UUID(2, i));
                        continue;
                    }
                    int a = 4 + rnd.nextInt(n - 4);
                    int b = 4 + rnd.nextInt(n - 4);
                    if (a != b) {
                        if (rnd.nextInt(3) == 0) {
                            g.removeEdge(a, b);
                        } else {
                            g.addEdge(a, b);
                        }
                    }
                    int hub = 4 + rnd.nextInt(4);
                    int other = 4 + rnd.nextInt(n - 4);
                    if (rnd.nextInt(50) == 0 && hub != other) {
                        g.addEdge(hub, other); // a few hubs
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                stop.set(true);
            }
        }));
        for (int r = 0; r < 3; r++) {
            int seed = r;
            threads.add(new Thread(() -> {
                Random rnd = new Random(100 + seed);
                try {
                    while (!stop.get()) {
                        assertEquals(3, g.degree(0, 3));
                        assertEquals(1, g.mutualCount(0, 2));
                        assertEquals(1, g.secondDegreeSize(0));
                        int n = g.memberCount();
                        int a = rnd.nextInt(n);
                        int b = rnd.nextInt(n);
                        int[] row = g.connectionsOf(a);
                        for (int i = 1; i < row.length; i++) {
                            assertTrue(row[i - 1] < row[i], "row sorted");
                        }
                        int d = g.degree(a, b);
                        assertTrue(d >= -1 && d <= 3);
                        g.mutuals(a, b, 0, 10);
                        g.pymk(a, 20, v -> v % 7 == 0);
                        g.networkSizes(a);
                        g.shortestPaths(a, b, 3, 3);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertNull(failure.get());
        // after the writer has finished, every row is symmetric
        for (int a = 0; a < g.memberCount(); a++) {
            for (int b : g.connectionsOf(a)) {
                assertTrue(g.connected(b, a));
            }
        }
        long arcs = 0;
        for (int a = 0; a < g.memberCount(); a++) {
            arcs += g.connectionCountOf(a);
        }
        assertEquals(arcs / 2, g.connectionCount());
    }
}
