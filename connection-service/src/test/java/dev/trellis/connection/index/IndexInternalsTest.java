package dev.trellis.connection.index;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sorted-row intersections (merge and galloping paths) and the UUID map (growth, collisions). */
class IndexInternalsTest {

    static int[] randomRow(Random rnd, int size, int bound) {
        return IntStream.generate(() -> rnd.nextInt(bound)).distinct().limit(size).sorted().toArray();
    }

    @Test
    void intersections_agree_with_a_set_intersection_on_short_and_long_rows() {
        Random rnd = new Random(5);
        for (int round = 0; round < 2000; round++) {
            int bound = 50 + rnd.nextInt(5000);
            int[] a = randomRow(rnd, rnd.nextInt(Math.min(40, bound)), bound);
            int[] b = randomRow(rnd, rnd.nextInt(Math.min(round % 3 == 0 ? 4000 : 60, bound)), bound);
            int[] expected = Arrays.stream(a).filter(x -> Arrays.binarySearch(b, x) >= 0).toArray();
            assertEquals(expected.length, SortedInts.intersectionCount(a, b));
            assertEquals(expected.length, SortedInts.intersectionCount(b, a));
            assertEquals(expected.length > 0, SortedInts.intersects(a, b));
            assertEquals(expected.length > 0, SortedInts.intersects(b, a));
            int skip = rnd.nextInt(3);
            int limit = rnd.nextInt(6);
            int[] out = new int[10];
            int k = SortedInts.intersection(b, a, skip, out, limit);
            int[] page = Arrays.stream(expected).skip(skip).limit(limit).toArray();
            assertArrayEquals(page, Arrays.copyOf(out, k));
        }
    }

    @Test
    void gallop_finds_the_first_position_not_below_the_value() {
        int[] row = IntStream.range(0, 1000).map(i -> i * 3).toArray();
        for (int from = 0; from < 1000; from += 37) {
            for (int v = -1; v < 3002; v++) {
                int expected = Math.max(from, (v + 2) / 3);
                if (v < 0) {
                    expected = from;
                }
                assertEquals(Math.min(expected, 1000), SortedInts.gallop(row, from, v), "from " + from + " v " + v);
            }
        }
    }

    @Test
    void sort_distinct_compacts() {
        int[] row = {5, 3, 5, 1, 3, 9};
        int k = SortedInts.sortDistinct(row);
        assertArrayEquals(new int[]{1, 3, 5, 9}, Arrays.copyOf(row, k));
    }

    @Test
    void member_ids_grow_and_find_every_member() {
        MemberIds ids = new MemberIds(1);
        Map<UUID, Integer> expected = new HashMap<>();
        Random rnd = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            // half random, half sequential (the hash must spread both)
            UUID id = i % 2 == 0 ? new UUID(rnd.nextLong(), rnd.nextLong()) : new UUID(0, i);
            int idx = ids.add(id.getMostSignificantBits(), id.getLeastSignificantBits());
            assertEquals(i, idx);
            expected.put(id, idx);
        }
        assertEquals(20_000, ids.size());
        expected.forEach((id, idx) -> {
            assertEquals(idx, ids.indexOf(id));
            assertEquals(id, ids.id(idx));
            assertEquals(idx, ids.add(id.getMostSignificantBits(), id.getLeastSignificantBits()));
        });
        assertEquals(-1, ids.indexOf(new UUID(1, 1)));
        assertTrue(ids.bytes() >= 20_000 * 16);
    }
}
