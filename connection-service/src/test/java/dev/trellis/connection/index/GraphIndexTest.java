package dev.trellis.connection.index;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-drawn 12-member graph, every answer worked out by hand:
 *
 * <pre>
 *        B ─── E ─── G ─── H ─── I ─── J        K ─── L
 *       /│    /│     │
 *      A─┼── C │     │
 *       \│  ╱  │     │
 *        │ ╱   │     │
 *        D ────┘─ F ─┘
 *
 *  A: B C D      E: B C D G     I: H J
 *  B: A C E      F: D G         J: I
 *  C: A B E      G: E F H       K: L
 *  D: A E F      H: G I         L: K
 * </pre>
 * (14 connections: A-B A-C A-D B-C B-E C-E D-E D-F E-G F-G G-H H-I I-J K-L.)
 */
class GraphIndexTest {
    static final String NAMES = "ABCDEFGHIJKL";
    static final String[] EDGES = {"AB", "AC", "AD", "BC", "BE", "CE", "DE", "DF", "EG", "FG", "GH", "HI", "IJ", "KL"};

    static UUID uuid(char name) {
        return new UUID(0x7e11_1500_0000_0000L + name, 0x8000_0000_0000_0000L | name * 7919L);
    }

    static int ix(char name) {
        return NAMES.indexOf(name);
    }

    /** Built with the bulk builder. */
    static GraphIndex built() {
        GraphIndex.Builder b = GraphIndex.builder(12, 14).orderByDegree(false);
        for (char c : NAMES.toCharArray()) {
            assertEquals(ix(c), b.member(uuid(c)));
        }
        for (String e : EDGES) {
            b.addEdge(uuid(e.charAt(0)), uuid(e.charAt(1)));
        }
        return b.build();
    }

    /** Built edge by edge (members in name order, so the same indexes). */
    static GraphIndex incremental() {
        GraphIndex g = new GraphIndex();
        for (char c : NAMES.toCharArray()) {
            assertEquals(ix(c), g.addMember(uuid(c)));
        }
        for (String e : EDGES) {
            assertTrue(g.addEdge(uuid(e.charAt(0)), uuid(e.charAt(1))));
        }
        return g;
    }

    static final int X = -1;
    /** DEGREE[i][j]: degree from member i to member j (rows and columns A..L). */
    static final int[][] DEGREE = {
            //A  B  C  D  E  F  G  H  I  J  K  L
            {0, 1, 1, 1, 2, 2, 3, X, X, X, X, X}, // A
            {1, 0, 1, 2, 1, 3, 2, 3, X, X, X, X}, // B
            {1, 1, 0, 2, 1, 3, 2, 3, X, X, X, X}, // C
            {1, 2, 2, 0, 1, 1, 2, 3, X, X, X, X}, // D
            {2, 1, 1, 1, 0, 2, 1, 2, 3, X, X, X}, // E
            {2, 3, 3, 1, 2, 0, 1, 2, 3, X, X, X}, // F
            {3, 2, 2, 2, 1, 1, 0, 1, 2, 3, X, X}, // G
            {X, 3, 3, 3, 2, 2, 1, 0, 1, 2, X, X}, // H
            {X, X, X, X, 3, 3, 2, 1, 0, 1, X, X}, // I
            {X, X, X, X, X, X, 3, 2, 1, 0, X, X}, // J
            {X, X, X, X, X, X, X, X, X, X, 0, 1}, // K
            {X, X, X, X, X, X, X, X, X, X, 1, 0}, // L
    };

    /** Every pair with mutual connections; every other pair has none. */
    static final Map<String, String> MUTUALS = Map.ofEntries(
            Map.entry("AB", "C"), Map.entry("AC", "B"), Map.entry("AE", "BCD"), Map.entry("AF", "D"),
            Map.entry("BC", "AE"), Map.entry("BD", "AE"), Map.entry("BE", "C"), Map.entry("BG", "E"),
            Map.entry("CD", "AE"), Map.entry("CE", "B"), Map.entry("CG", "E"), Map.entry("DG", "EF"),
            Map.entry("EF", "DG"), Map.entry("EH", "G"), Map.entry("FH", "G"), Map.entry("GI", "H"),
            Map.entry("HJ", "I"));

    /** PYMK ranking per member: "member:mutualCount" best first. */
    static final Map<Character, String> PYMK = Map.ofEntries(
            Map.entry('A', "E3 F1"), Map.entry('B', "D2 G1"), Map.entry('C', "D2 G1"),
            Map.entry('D', "B2 C2 G2"), Map.entry('E', "A3 F2 H1"), Map.entry('F', "E2 A1 H1"),
            Map.entry('G', "D2 B1 C1 I1"), Map.entry('H', "E1 F1 J1"), Map.entry('I', "G1"),
            Map.entry('J', "H1"), Map.entry('K', ""), Map.entry('L', ""));

    /** {2nd-degree size, 3rd-degree size} per member. */
    static final int[][] NETWORK = {
            {2, 1}, {2, 2}, {2, 2}, {3, 1}, {3, 1}, {3, 3}, {4, 2}, {3, 3}, {1, 2}, {1, 1}, {0, 0}, {0, 0}};

    static String names(int[] indexes) {
        StringBuilder sb = new StringBuilder();
        for (int i : indexes) {
            sb.append(NAMES.charAt(i));
        }
        return sb.toString();
    }

    static String ranking(Suggestions s) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            parts.add("" + NAMES.charAt(s.member(i)) + s.mutualCount(i));
        }
        return String.join(" ", parts);
    }

    static void assertHandDrawnAnswers(GraphIndex g) {
        assertEquals(12, g.memberCount());
        assertEquals(14, g.connectionCount());
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                String pair = "" + NAMES.charAt(i) + NAMES.charAt(j);
                assertEquals(DEGREE[i][j], g.degree(i, j), "degree " + pair);
                assertEquals(DEGREE[i][j] == 1, g.connected(i, j), "connected " + pair);
                String key = i < j ? pair : new StringBuilder(pair).reverse().toString();
                String expected = i == j ? "" : MUTUALS.getOrDefault(key, "");
                assertEquals(expected, names(g.mutuals(i, j, 0, 100)), "mutuals " + pair);
                assertEquals(expected.length(), g.mutualCount(i, j), "mutual count " + pair);
            }
            char c = NAMES.charAt(i);
            assertEquals(PYMK.get(c), ranking(g.pymk(i, 20, null)), "pymk " + c);
            assertEquals(NETWORK[i][0], g.secondDegreeSize(i), "2nd degree " + c);
            assertEquals(NETWORK[i][1], g.thirdDegreeSize(i), "3rd degree " + c);
            for (GraphIndex.Mode m2 : GraphIndex.Mode.values()) {
                for (GraphIndex.Mode m3 : GraphIndex.Mode.values()) {
                    assertArrayEquals(NETWORK[i], g.networkSizes(i, true, m2, m3), "network " + c + " " + m2 + "/" + m3);
                }
                assertEquals(NETWORK[i][0], g.networkSizes(i, false, m2, GraphIndex.Mode.AUTO)[0]);
            }
        }
    }

    @Test
    void every_degree_mutual_list_pymk_ranking_and_network_size_of_the_hand_drawn_graph() {
        assertHandDrawnAnswers(built());
    }

    @Test
    void building_edge_by_edge_gives_the_same_answers() {
        assertHandDrawnAnswers(incremental());
    }

    @Test
    void the_default_most_connected_first_numbering_gives_the_same_answers_by_uuid() {
        GraphIndex.Builder b = GraphIndex.builder(12, 14);
        for (String e : EDGES) {
            b.addEdge(uuid(e.charAt(0)), uuid(e.charAt(1)));
        }
        GraphIndex g = b.build();
        int[] to = new int[12]; // hand-drawn index -> index in g
        for (char c : NAMES.toCharArray()) {
            to[ix(c)] = g.indexOf(uuid(c));
        }
        assertEquals(0, to[ix('E')], "E (4 connections) is numbered first");
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                assertEquals(DEGREE[i][j], g.degree(to[i], to[j]));
                String key = i < j ? "" + NAMES.charAt(i) + NAMES.charAt(j) : "" + NAMES.charAt(j) + NAMES.charAt(i);
                String expected = i == j ? "" : MUTUALS.getOrDefault(key, "");
                assertEquals(expected, sortedNames(g, g.mutuals(to[i], to[j], 0, 100)));
            }
            // rankings: the same (name, count) pairs; ties may come in another order, so compare sorted
            Suggestions s = g.pymk(to[i], 20, null);
            List<String> got = new ArrayList<>();
            for (int k = 0; k < s.size(); k++) {
                got.add(s.mutualCount(k) + "" + nameOf(g, s.member(k)));
            }
            List<String> want = new ArrayList<>();
            for (String part : PYMK.get(NAMES.charAt(i)).split(" ")) {
                if (!part.isEmpty()) {
                    want.add(part.substring(1) + part.charAt(0));
                }
            }
            got.sort(null);
            want.sort(null);
            assertEquals(want, got);
            for (int k = 1; k < s.size(); k++) {
                assertTrue(s.mutualCount(k - 1) > s.mutualCount(k)
                        || s.mutualCount(k - 1) == s.mutualCount(k) && s.member(k - 1) < s.member(k), "ranked");
            }
            assertArrayEquals(NETWORK[i], g.networkSizes(to[i]));
        }
    }

    static char nameOf(GraphIndex g, int index) {
        UUID id = g.memberId(index);
        for (char c : NAMES.toCharArray()) {
            if (uuid(c).equals(id)) {
                return c;
            }
        }
        throw new AssertionError("unknown " + id);
    }

    static String sortedNames(GraphIndex g, int[] indexes) {
        char[] out = new char[indexes.length];
        for (int k = 0; k < indexes.length; k++) {
            out[k] = nameOf(g, indexes[k]);
        }
        java.util.Arrays.sort(out);
        return new String(out);
    }

    @Test
    void connection_lists_are_sorted_and_symmetric() {
        GraphIndex g = built();
        assertEquals("BCD", names(g.connectionsOf(ix('A'))));
        assertEquals("BCDG", names(g.connectionsOf(ix('E'))));
        assertEquals(4, g.connectionCountOf(ix('E')));
        assertEquals(0, g.connectionCountOf(-1));
        assertEquals(0, g.connectionCountOf(99));
    }

    @Test
    void uuids_map_to_indexes_and_back() {
        GraphIndex g = built();
        for (char c : NAMES.toCharArray()) {
            assertEquals(ix(c), g.indexOf(uuid(c)));
            assertEquals(uuid(c), g.memberId(ix(c)));
        }
        assertEquals(-1, g.indexOf(uuid('Z')));
        assertThrows(IndexOutOfBoundsException.class, () -> g.memberId(12));
    }

    @Test
    void unknown_members_are_out_of_network() {
        GraphIndex g = built();
        assertEquals(-1, g.degree(-1, ix('A')));
        assertEquals(-1, g.degree(ix('A'), 12));
        assertEquals(-1, g.degree(-1, -1));
        assertEquals(0, g.mutualCount(-1, ix('A')));
        assertEquals(0, g.mutuals(ix('A'), -1, 0, 10).length);
        assertEquals(0, g.pymk(-1, 10, null).size());
        assertEquals(0, g.secondDegreeSize(-1));
        assertEquals(0, g.shortestPaths(-1, ix('A'), 3, 3).length);
    }

    @Test
    void mutuals_are_paged() {
        GraphIndex g = built();
        int a = ix('A');
        int e = ix('E');
        assertEquals("BCD", names(g.mutuals(a, e, 0, 3)));
        assertEquals("BC", names(g.mutuals(a, e, 0, 2)));
        assertEquals("D", names(g.mutuals(a, e, 2, 2)));
        assertEquals("", names(g.mutuals(a, e, 3, 2)));
        assertEquals("CD", names(g.mutuals(e, a, 1, 5)));
        assertEquals("", names(g.mutuals(a, e, 0, 0)));
        MutualConnections mc = g.mutualConnections(a, e, 1, 1);
        assertEquals(3, mc.total());
        assertEquals("C", names(mc.members()));
        assertEquals(3, g.mutualConnections(a, e, 5, 1).total());
        assertEquals(0, g.mutualConnections(a, e, 5, 1).members().length);
        assertThrows(IllegalArgumentException.class, () -> g.mutuals(a, e, -1, 2));
    }

    @Test
    void pymk_honours_the_limit_and_the_exclusions() {
        GraphIndex g = built();
        int gIx = ix('G');
        assertEquals("D2 B1", ranking(g.pymk(gIx, 2, null)));
        assertEquals("D2", ranking(g.pymk(gIx, 1, null)));
        assertEquals("D2 C1", ranking(g.pymk(gIx, 2, m -> m == ix('B'))));
        assertEquals("B1 C1 I1", ranking(g.pymk(gIx, 5, m -> m == ix('D'))));
        assertEquals("", ranking(g.pymk(gIx, 5, m -> true)));
        assertEquals("", ranking(g.pymk(gIx, 0, null)));
        // a throwing predicate leaves the index usable and correct
        assertThrows(IllegalStateException.class, () -> g.pymk(gIx, 2, m -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("D2 B1 C1 I1", ranking(g.pymk(gIx, 20, null)));
    }

    static String paths(int[][] ps) {
        List<String> out = new ArrayList<>();
        for (int[] p : ps) {
            out.add(names(p));
        }
        return String.join(" ", out);
    }

    @Test
    void shortest_paths_through_named_members() {
        GraphIndex g = built();
        assertEquals("ABEG ACEG ADEG", paths(g.shortestPaths(ix('A'), ix('G'), 3, 3)));
        assertEquals("ABEG ACEG ADEG ADFG", paths(g.shortestPaths(ix('A'), ix('G'), 3, 10)));
        assertEquals("GEBA GECA GEDA GFDA", paths(g.shortestPaths(ix('G'), ix('A'), 3, 10)));
        assertEquals("", paths(g.shortestPaths(ix('A'), ix('G'), 2, 3)));
        assertEquals("ABE ACE ADE", paths(g.shortestPaths(ix('A'), ix('E'), 3, 3)));
        assertEquals("ABE", paths(g.shortestPaths(ix('A'), ix('E'), 3, 1)));
        assertEquals("HGED HGFD", paths(g.shortestPaths(ix('H'), ix('D'), 3, 3)));
        assertEquals("AB", paths(g.shortestPaths(ix('A'), ix('B'), 3, 3)));
        assertEquals("", paths(g.shortestPaths(ix('A'), ix('H'), 3, 3)));
        assertEquals("", paths(g.shortestPaths(ix('A'), ix('K'), 3, 3)));
        assertEquals("", paths(g.shortestPaths(ix('A'), ix('A'), 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> g.shortestPaths(0, 1, 4, 3));
    }

    @Test
    void adding_and_removing_connections_keeps_both_sides_consistent() {
        GraphIndex g = built();
        int a = ix('A');
        int d = ix('D');
        int f = ix('F');
        int k = ix('K');
        int j = ix('J');

        assertFalse(g.addEdge(a, ix('B')), "already connected");
        assertFalse(g.removeEdge(a, ix('G')), "not connected");
        assertThrows(IllegalArgumentException.class, () -> g.addEdge(a, a));
        assertThrows(IllegalArgumentException.class, () -> g.addEdge(a, 12));

        assertTrue(g.removeEdge(d, f));
        assertEquals(13, g.connectionCount());
        assertEquals("AE", names(g.connectionsOf(d)));
        assertEquals("G", names(g.connectionsOf(f)));
        assertEquals(-1, g.degree(a, f)); // now A-B-E-G-F: 4 hops
        assertEquals("", names(g.mutuals(a, f, 0, 10)));
        assertEquals("E", names(g.mutuals(d, ix('G'), 0, 10)));
        assertEquals("A3 F1 H1", ranking(g.pymk(ix('E'), 20, null)));
        assertEquals(3, g.secondDegreeSize(d)); // B, C, G (F is now 3 hops away: D-E-G-F)
        assertEquals(2, g.thirdDegreeSize(d)); // F and H
        assertTrue(g.addEdge(j, k));
        assertEquals(14, g.connectionCount());
        assertEquals("IK", names(g.connectionsOf(j)));
        assertEquals("JL", names(g.connectionsOf(k)));
        assertEquals(2, g.degree(ix('I'), k));
        assertEquals(3, g.degree(ix('H'), k));
        assertEquals(3, g.degree(ix('L'), ix('I')));
        assertEquals("J1", ranking(g.pymk(ix('L'), 20, null)));

        assertTrue(g.addEdge(d, f));
        assertTrue(g.removeEdge(j, k));
        assertHandDrawnAnswers(g);

        // a member removed from everyone is out of network, but still known
        for (int other : g.connectionsOf(ix('E'))) {
            assertTrue(g.removeEdge(ix('E'), other));
        }
        assertEquals(0, g.connectionCountOf(ix('E')));
        assertEquals(-1, g.degree(ix('E'), a));
        assertEquals(ix('E'), g.indexOf(uuid('E')));
        assertEquals(0, g.secondDegreeSize(ix('E')));
    }

    @Test
    void new_members_grow_the_index() {
        GraphIndex g = built();
        Map<Integer, UUID> added = new HashMap<>();
        int prev = ix('J');
        for (int i = 0; i < 500; i++) {
            UUID id = new UUID(42, i);
            int idx = g.addMember(id);
            assertEquals(12 + i, idx);
            assertEquals(idx, g.addMember(id));
            added.put(idx, id);
            assertTrue(g.addEdge(prev, idx));
            prev = idx;
        }
        assertEquals(512, g.memberCount());
        assertEquals(14 + 500, g.connectionCount());
        added.forEach((idx, id) -> assertEquals(idx, g.indexOf(id)));
        assertEquals(3, g.degree(ix('H'), 12));
        assertEquals(-1, g.degree(ix('H'), 13));
        assertEquals(1, g.secondDegreeSize(511));
        assertEquals(1, g.thirdDegreeSize(511));
        assertEquals("J", names(g.mutuals(ix('I'), 12, 0, 5)));
        assertEquals(1, g.mutualCount(ix('I'), 12));
    }

    @Test
    void memory_report_counts_rows_and_ids() {
        GraphIndex g = built();
        MemoryReport m = g.memory();
        assertEquals(12, m.members());
        assertEquals(14, m.connections());
        // 28 arcs * 4 B, plus per-row headers/padding, plus the row table
        assertTrue(m.adjacencyBytes() >= 28 * 4 + 12 * 16, m.toString());
        assertTrue(m.memberIdBytes() >= 12 * 16, m.toString());
        assertEquals((double) m.totalBytes() / 14, m.bytesPerConnection(), 1e-9);
    }
}
