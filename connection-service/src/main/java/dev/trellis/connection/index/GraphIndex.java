package dev.trellis.connection.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The in-memory connection graph: answers degree, mutual connections, paths, network sizes and
 * people-you-may-know without touching the database. Pure Java, no framework.
 *
 * <h2>Layout</h2>
 * <ul>
 *   <li>Members are dense {@code int} indexes (0, 1, 2, ...) mapped to and from their UUIDs by an
 *       open-addressing table of primitives ({@link MemberIds}); an index is never reused.</li>
 *   <li>Each member's connections are one exact-size, ascending, duplicate-free {@code int[]} row; an
 *       undirected connection is stored in both rows. A connection costs 2 x 4 bytes, plus per member a 16-byte
 *       array header, a 4-byte reference and the 16-byte UUID with its hash slot (see {@link #memory()}).</li>
 * </ul>
 *
 * <h2>Concurrency: lock-free readers, one writer, copy-on-write rows</h2>
 * A row is never modified once published. {@link #addEdge}/{@link #removeEdge} build a new row for each of
 * the two members and publish it with a release store into the row table; readers load rows with acquire
 * loads, so they always see a complete, sorted row and never take a lock. Writers are serialised by a
 * monitor (the projection has one consumer thread, so it is uncontended). Growing the member table copies
 * the row table and publishes it through a volatile field. A query that reads several rows may see a
 * connection that is being added or removed in one row and not yet in the other for the few nanoseconds
 * between the two stores; each row on its own is always consistent. Queries capture the row table once, and
 * every row in a row table only holds indexes smaller than that table's length, so a query never meets a
 * member its scratch arrays are not sized for.
 *
 * <h2>Numbering</h2>
 * The {@link Builder} numbers members most-connected first (by default), so hubs have the smallest indexes:
 * their per-member scratch entries share a few cache lines and they come first in every row, which lets PYMK
 * stop early (see {@link #pymk}). Members added later get the next free index. Nothing depends on the
 * numbering for correctness; ties in rankings and the order of paths and mutual lists follow it.
 *
 * <h2>Queries and their cost</h2>
 * Member arguments are indexes from {@link #indexOf}; an unknown index ({@code -1}, or out of range) is a
 * member without connections. Sorted-row intersections are linear merges, or galloping searches when one row
 * is much shorter. Traversals use per-query scratch (bitsets of one bit per member, a 16-bit counter per
 * member, a touched list) taken from a small pool of at most {@code max(4, 2 x cores)} scratches (about 6.4
 * bytes per member each) and cleared after use; nothing is boxed or allocated on the hot path except the
 * result. Network sizes switch between top-down and bottom-up (direction-optimising) breadth-first levels.
 */
public final class GraphIndex {
    private static final VarHandle ROW = MethodHandles.arrayElementVarHandle(int[][].class);
    static final int[] EMPTY = new int[0];

    /** A level goes bottom-up when its top-down work exceeds {@code arcs / BOTTOM_UP_DIVISOR} (measured crossover). */
    static final int BOTTOM_UP_DIVISOR = 8;
    /** The 3rd level goes bottom-up when the 2nd level holds more than {@code members / this}. */
    static final int BOTTOM_UP_MEMBERS_DIVISOR = 32;

    enum Mode { AUTO, TOP_DOWN, BOTTOM_UP }

    private final MemberIds ids;
    private final Object writeLock = new Object();
    private final Scratch.Pool pool = new Scratch.Pool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    private volatile int[][] rows;
    /** Upper bound of the connection count of the members in each block of 2^blockShift indexes. */
    private volatile int[] blockMax;
    private volatile long connections;

    static final int BLOCK_SHIFT = 10;
    /** Tunables (package-private so tests can exercise the pruned paths on small graphs). */
    final int blockShift;
    int pruneAboveWork = PRUNE_ABOVE_WORK;
    int firstCut = FIRST_CUT;
    /** Diagnostics for tests: PYMK queries that stopped before reading every row (racy, approximate). */
    long prunedQueries;

    /** An empty index (members and connections are then added one by one). */
    public GraphIndex() {
        this(new MemberIds(16), emptyRows(16), 0, BLOCK_SHIFT);
    }

    private GraphIndex(MemberIds ids, int[][] rows, long connections, int blockShift) {
        this.ids = ids;
        this.connections = connections;
        this.blockShift = blockShift;
        int[] bm = new int[(rows.length >>> blockShift) + 1];
        for (int i = 0; i < rows.length; i++) {
            bm[i >>> blockShift] = Math.max(bm[i >>> blockShift], rows[i].length);
        }
        this.blockMax = bm;
        this.rows = rows;
    }

    /** A bulk loader: intern members, add connections, then {@link Builder#build()}. */
    public static Builder builder(int expectedMembers, long expectedConnections) {
        return new Builder(expectedMembers, expectedConnections);
    }

    private static int[][] emptyRows(int capacity) {
        int[][] r = new int[capacity][];
        Arrays.fill(r, EMPTY);
        return r;
    }

    private static int[] row(int[][] r, int a) {
        return (int[]) ROW.getAcquire(r, a);
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    // ------------------------------------------------------------------ members

    /** Members known to the index (indexes {@code 0 .. memberCount()-1}). */
    public int memberCount() {
        return ids.size();
    }

    /** Undirected connections. */
    public long connectionCount() {
        return connections;
    }

    /** The member's index, or -1 if the index has never seen it. Allocation-free. */
    public int indexOf(UUID memberId) {
        return ids.indexOf(memberId.getMostSignificantBits(), memberId.getLeastSignificantBits());
    }

    /** The UUID of a member index. */
    public UUID memberId(int index) {
        return ids.id(index);
    }

    /** The member's index, adding the member (without connections) if it is new. Writer. */
    public int addMember(UUID memberId) {
        synchronized (writeLock) {
            long msb = memberId.getMostSignificantBits();
            long lsb = memberId.getLeastSignificantBits();
            int existing = ids.indexOf(msb, lsb);
            if (existing >= 0) {
                return existing;
            }
            int n = ids.size();
            int[][] r = rows;
            if (n >= r.length) {
                int[][] grown = Arrays.copyOf(r, Math.max(16, r.length + (r.length >> 1)));
                Arrays.fill(grown, r.length, grown.length, EMPTY);
                blockMax = Arrays.copyOf(blockMax, (grown.length >>> blockShift) + 1);
                rows = grown; // volatile publish (after blockMax) before the new index becomes visible
            }
            return ids.add(msb, lsb);
        }
    }

    // ------------------------------------------------------------------ writes

    /** Connects two members (adding them if new). Returns false if they were already connected. Writer. */
    public boolean addEdge(UUID a, UUID b) {
        synchronized (writeLock) {
            return addEdge(addMember(a), addMember(b));
        }
    }

    /** Removes the connection. Returns false if it did not exist or a member is unknown. Writer. */
    public boolean removeEdge(UUID a, UUID b) {
        synchronized (writeLock) {
            int ia = indexOf(a);
            int ib = indexOf(b);
            return ia >= 0 && ib >= 0 && removeEdge(ia, ib);
        }
    }

    /** Connects two member indexes. Returns false if they were already connected. Writer. */
    public boolean addEdge(int a, int b) {
        synchronized (writeLock) {
            checkPair(a, b);
            int[][] r = rows;
            int[] ra = row(r, a);
            int pa = SortedInts.indexOf(ra, 0, ra.length, b);
            if (pa >= 0) {
                return false;
            }
            int[] rb = row(r, b);
            int pb = SortedInts.indexOf(rb, 0, rb.length, a);
            int[] bm = blockMax;
            bm[a >>> blockShift] = Math.max(bm[a >>> blockShift], ra.length + 1);
            bm[b >>> blockShift] = Math.max(bm[b >>> blockShift], rb.length + 1);
            ROW.setRelease(r, a, SortedInts.insertAt(ra, -pa - 1, b));
            if (pb < 0) {
                ROW.setRelease(r, b, SortedInts.insertAt(rb, -pb - 1, a));
            }
            connections = connections + 1;
            return true;
        }
    }

    /** Disconnects two member indexes. Returns false if they were not connected. Writer. */
    public boolean removeEdge(int a, int b) {
        synchronized (writeLock) {
            checkPair(a, b);
            int[][] r = rows;
            int[] ra = row(r, a);
            int pa = SortedInts.indexOf(ra, 0, ra.length, b);
            if (pa < 0) {
                return false;
            }
            int[] rb = row(r, b);
            int pb = SortedInts.indexOf(rb, 0, rb.length, a);
            ROW.setRelease(r, a, ra.length == 1 ? EMPTY : SortedInts.removeAt(ra, pa));
            if (pb >= 0) {
                ROW.setRelease(r, b, rb.length == 1 ? EMPTY : SortedInts.removeAt(rb, pb));
            }
            connections = connections - 1;
            return true;
        }
    }

    private void checkPair(int a, int b) {
        int n = ids.size();
        if (a < 0 || a >= n || b < 0 || b >= n) {
            throw new IllegalArgumentException("unknown member index " + (a < 0 || a >= n ? a : b));
        }
        if (a == b) {
            throw new IllegalArgumentException("a member cannot connect to itself");
        }
    }

    // ------------------------------------------------------------------ reads

    private int[] rowOf(int[][] r, int n, int a) {
        return a >= 0 && a < n ? row(r, a) : EMPTY;
    }

    /** How many connections the member has (0 for an unknown index). */
    public int connectionCountOf(int a) {
        int n = ids.size();
        return rowOf(rows, n, a).length;
    }

    /** The member's connections, ascending by index (a copy). */
    public int[] connectionsOf(int a) {
        int n = ids.size();
        return rowOf(rows, n, a).clone();
    }

    public boolean connected(int a, int b) {
        int n = ids.size();
        int[][] r = rows;
        int[] ra = rowOf(r, n, a);
        int[] rb = rowOf(r, n, b);
        return ra.length <= rb.length ? SortedInts.contains(ra, b) : SortedInts.contains(rb, a);
    }

    /**
     * Degree of separation: 0 (same member), 1, 2 or 3, or -1 when farther than 3 hops (out of network) or a
     * member is unknown. Bidirectional: 1 is a binary search in the shorter row, 2 a row intersection, 3
     * marks the longer side's connections in a bitset and scans the rows of the shorter side's connections
     * (or gallops when such a row is much longer than the marked side), stopping at the first hit.
     */
    public int degree(int a, int b) {
        int n = ids.size();
        if (a < 0 || b < 0 || a >= n || b >= n) {
            return -1;
        }
        if (a == b) {
            return 0;
        }
        int[][] r = rows;
        int[] ra = row(r, a);
        int[] rb = row(r, b);
        if (ra.length == 0 || rb.length == 0) {
            return -1;
        }
        if (ra.length <= rb.length ? SortedInts.contains(ra, b) : SortedInts.contains(rb, a)) {
            return 1;
        }
        if (SortedInts.intersects(ra, rb)) {
            return 2;
        }
        return threeHops(r, ra, rb) ? 3 : -1;
    }

    /** Whether some connection of one side is connected to some connection of the other. */
    private boolean threeHops(int[][] r, int[] ra, int[] rb) {
        int[] expand = ra.length <= rb.length ? ra : rb;
        int[] marked = expand == ra ? rb : ra;
        Scratch sc = pool.acquire();
        long[] bits = sc.seen(r.length);
        for (int v : marked) {
            set(bits, v);
        }
        boolean found = false;
        long gallopAbove = (long) marked.length * 24;
        outer:
        for (int x : expand) {
            int[] rx = row(r, x);
            if (rx.length > gallopAbove) {
                if (SortedInts.intersects(rx, marked)) {
                    found = true;
                    break;
                }
            } else {
                for (int y : rx) {
                    if ((bits[y >>> 6] & (1L << y)) != 0) {
                        found = true;
                        break outer;
                    }
                }
            }
        }
        for (int v : marked) {
            bits[v >>> 6] = 0L;
        }
        pool.release(sc);
        return found;
    }

    /** How many connections the two members share (0 if the same or unknown). */
    public int mutualCount(int a, int b) {
        int n = ids.size();
        if (a == b) {
            return 0;
        }
        int[][] r = rows;
        return intersect(r, rowOf(r, n, a), rowOf(r, n, b), 0, EMPTY, 0);
    }

    /** A page of the shared connections, ascending by member index. */
    public int[] mutuals(int a, int b, int offset, int limit) {
        return mutualConnections(a, b, offset, limit).members();
    }

    /** The number of shared connections and a page of them (ascending by member index), in one pass. */
    public MutualConnections mutualConnections(int a, int b, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be >= 0");
        }
        int n = ids.size();
        if (a == b) {
            return new MutualConnections(0, EMPTY);
        }
        int[][] r = rows;
        int[] ra = rowOf(r, n, a);
        int[] rb = rowOf(r, n, b);
        int[] out = new int[Math.min(limit, Math.min(ra.length, rb.length))];
        int total = intersect(r, ra, rb, offset, out, out.length);
        int k = Math.max(0, Math.min(out.length, total - offset));
        return new MutualConnections(total, k == out.length ? out : Arrays.copyOf(out, k));
    }

    /** Rows at least this long (both) are intersected through a bitset instead of a merge. */
    static final int BITSET_INTERSECT_MIN = 48;

    /**
     * The size of the intersection of two rows; writes its members {@code skip .. skip+limit-1} (ascending)
     * into {@code out}. A much shorter row gallops through the longer one; two long rows go through a
     * bitset (mark the shorter, scan the longer: independent steps instead of a merge's dependent
     * compare-and-advance chain, and both walk the bitset in ascending order); short rows merge.
     */
    private int intersect(int[][] r, int[] ra, int[] rb, int skip, int[] out, int limit) {
        int[] small = ra.length <= rb.length ? ra : rb;
        int[] large = small == ra ? rb : ra;
        if (small.length < BITSET_INTERSECT_MIN || (long) small.length * SortedInts.GALLOP_RATIO < large.length) {
            return SortedInts.intersectionPage(small, large, skip, out, limit);
        }
        Scratch sc = pool.acquire();
        long[] bits = sc.seen(r.length);
        for (int v : small) {
            bits[v >>> 6] |= 1L << v;
        }
        int found = 0;
        int end = (int) Math.min(Integer.MAX_VALUE, (long) skip + limit);
        for (int y : large) {
            if ((bits[y >>> 6] & (1L << y)) != 0) {
                if (found >= skip && found < end) {
                    out[found - skip] = y;
                }
                found++;
            }
        }
        for (int v : small) {
            bits[v >>> 6] = 0L;
        }
        pool.release(sc);
        return found;
    }

    /**
     * Exact number of members at distance exactly 2 (connections of connections, without the member and
     * its connections).
     */
    public int secondDegreeSize(int a) {
        return networkSizes(a, false, Mode.AUTO, Mode.AUTO)[0];
    }

    /** Exact number of members at distance exactly 3. */
    public int thirdDegreeSize(int a) {
        return networkSizes(a, true, Mode.AUTO, Mode.AUTO)[1];
    }

    /** {2nd-degree size, 3rd-degree size} in one traversal. */
    public int[] networkSizes(int a) {
        return networkSizes(a, true, Mode.AUTO, Mode.AUTO);
    }

    /** Package-private for tests: force top-down or bottom-up levels. */
    int[] networkSizes(int a, boolean third, Mode level2, Mode level3) {
        int n = ids.size();
        int[][] r = rows;
        int[] ra = rowOf(r, n, a);
        if (ra.length == 0) {
            return new int[]{0, 0};
        }
        long arcs = 2 * connections;
        int cap = r.length;
        int words = Scratch.words(cap);
        Scratch sc = pool.acquire();
        long[] seen = sc.seen(cap);
        long[] front = sc.frontier(cap);
        long[] next = third ? sc.next(cap) : null;
        // level 1
        set(seen, a);
        long work = 0;
        for (int x : ra) {
            set(seen, x);
            set(front, x);
            work += row(r, x).length;
        }
        // level 2: top-down marks the connections' rows (branch-free), bottom-up asks every unseen member
        // whether one of its connections is in level 1 (stopping at the first)
        int second = 0;
        boolean bottomUp2 = level2 == Mode.BOTTOM_UP || level2 == Mode.AUTO && work * BOTTOM_UP_DIVISOR > arcs;
        if (!bottomUp2) {
            if (next == null) {
                for (int x : ra) {
                    for (int y : row(r, x)) {
                        int w = y >>> 6;
                        long old = seen[w];
                        long bit = 1L << y;
                        seen[w] = old | bit;
                        second += (int) ((~old & bit) >>> y);
                    }
                }
            } else {
                for (int x : ra) {
                    for (int y : row(r, x)) {
                        int w = y >>> 6;
                        long old = seen[w];
                        long bit = 1L << y;
                        long fresh = ~old & bit;
                        seen[w] = old | bit;
                        next[w] |= fresh;
                        second += (int) (fresh >>> y);
                    }
                }
            }
        } else {
            second = bottomUp(r, cap, seen, front, next);
            if (next != null) {
                for (int w = 0; w < words; w++) {
                    seen[w] |= next[w];
                }
            }
        }
        // level 3
        int thirdCount = 0;
        if (next != null && second > 0) {
            boolean bottomUp3 = level3 == Mode.BOTTOM_UP
                    || level3 == Mode.AUTO && (long) second * BOTTOM_UP_MEMBERS_DIVISOR > n;
            if (!bottomUp3) {
                for (int w = 0; w < words; w++) {
                    long bitsW = next[w];
                    while (bitsW != 0) {
                        int y = (w << 6) + Long.numberOfTrailingZeros(bitsW);
                        bitsW &= bitsW - 1;
                        for (int z : row(r, y)) {
                            int zw = z >>> 6;
                            long old = seen[zw];
                            long bit = 1L << z;
                            seen[zw] = old | bit;
                            thirdCount += (int) ((~old & bit) >>> z);
                        }
                    }
                }
            } else {
                thirdCount = bottomUp(r, cap, seen, next, null);
            }
        }
        // clear: a cheap re-walk when little was touched, else wipe
        if (next == null && !bottomUp2 && work < words) {
            seen[a >>> 6] = 0L;
            for (int x : ra) {
                seen[x >>> 6] = 0L;
                front[x >>> 6] = 0L;
                for (int y : row(r, x)) {
                    seen[y >>> 6] = 0L;
                }
            }
        } else {
            Scratch.clear(seen);
            Scratch.clear(front);
            if (next != null) {
                Scratch.clear(next);
            }
        }
        pool.release(sc);
        return new int[]{second, thirdCount};
    }

    /**
     * One bottom-up level: counts the members not in {@code seen} with a connection in {@code front}, and
     * marks them in {@code found} if given.
     */
    private static int bottomUp(int[][] r, int cap, long[] seen, long[] front, long[] found) {
        int count = 0;
        int words = Scratch.words(cap);
        for (int w = 0; w < words; w++) {
            long free = ~seen[w];
            if (w == words - 1 && (cap & 63) != 0) {
                free &= (1L << (cap & 63)) - 1;
            }
            while (free != 0) {
                int v = (w << 6) + Long.numberOfTrailingZeros(free);
                free &= free - 1;
                for (int u : row(r, v)) {
                    if ((front[u >>> 6] & (1L << u)) != 0) {
                        count++;
                        if (found != null) {
                            found[w] |= 1L << v;
                        }
                        break;
                    }
                }
            }
        }
        return count;
    }

    /**
     * People you may know: friends of friends ranked by mutual count (descending, then lower index), without
     * the member, its connections, and every candidate {@code exclude} accepts (pending invitations, blocks,
     * dismissals...). {@code exclude} (may be null) is asked only about candidates that would make the top
     * {@code limit} at that point, possibly more than once, so it must be a cheap pure function (e.g. a lookup
     * in a sorted int[] or an int hash set). Exact: counting uses a reusable per-member counter and a touched
     * list, heavy queries stop early when no unread candidate can still enter (see {@code pymkSmall}),
     * selection is a bounded heap of longs. For a re-ranking with profile signals (shared company, school,
     * ...), ask for a larger {@code limit} (e.g. 200) and re-rank those.
     */
    public Suggestions pymk(int a, int limit, IntPredicate exclude) {
        int n = ids.size();
        int[][] r = rows;
        int[] ra = rowOf(r, n, a);
        if (ra.length == 0 || limit <= 0) {
            return Suggestions.NONE;
        }
        limit = Math.min(limit, n);
        Scratch sc = pool.acquire();
        Suggestions result = ra.length < SMALL_MARK
                ? pymkSmall(r, n, a, ra, limit, exclude, sc)
                : pymkWide(r, n, a, ra, limit, exclude, sc);
        pool.release(sc); // not reached if exclude threw: the scratch may be dirty and is dropped
        return result;
    }

    /** Marks the member and its connections in the 16-bit counters; counts stay below it. */
    private static final int SMALL_MARK = 0x8000;

    /** Below this much work (sum of the connections' connection counts) PYMK counts in one pass. */
    static final int PRUNE_ABOVE_WORK = 100_000;
    /** The first index cut of the pruned PYMK (then x4 per round). */
    static final int FIRST_CUT = 4 << BLOCK_SHIFT;

    /**
     * Counting with 16-bit counters (the member has fewer than 32,768 connections, so no count reaches the
     * mark). The inner loop is branch-free: every visit stores into the touched list, which only advances on
     * a first visit. Selection walks the touched list (a bounded heap of longs: count, then lower index).
     *
     * <p>Pruning (exact): a candidate's mutual count is at most its own connection count. The connections'
     * rows are consumed in rounds up to an index cut P: after a round every candidate below P has its exact
     * count. If the top {@code limit} among them is full and its lowest count theta is at least the largest
     * connection count of any member at or above P ({@link #blockMax}), and at least the number of rows with
     * entries left, no later candidate can enter (ties go to the lower index, which is below P), so the rest
     * of the rows is never read. The first cut is small (4,096); if it does not stop, the next cut is the
     * first block boundary above which nobody has more than theta connections, which is sure to stop
     * (theta only grows). With the builder's most-connected-first numbering the hubs sit below small cuts,
     * so the heaviest PYMK queries read only the front of their rows.
     */
    private Suggestions pymkSmall(int[][] r, int n, int a, int[] ra, int limit, IntPredicate exclude,
                                  Scratch sc) {
        int cap = r.length;
        int deg = ra.length;
        char[] cnt = sc.smallCounter(cap);
        int[] touched = sc.touched(cap + 1);
        int[][] fr = sc.rowRefs(deg);
        int[] cur = sc.cursors(deg);
        long work = 0;
        for (int i = 0; i < deg; i++) {
            int[] rx = row(r, ra[i]);
            fr[i] = rx;
            cur[i] = 0;
            work += rx.length;
        }
        cnt[a] = SMALL_MARK;
        for (int f : ra) {
            cnt[f] = SMALL_MARK;
        }
        int[] bm = blockMax;
        long[] heap = sc.heap(limit);
        int t = 0;
        int cut = work > pruneAboveWork ? Math.min(cap, firstCut) : cap;
        boolean first = true;
        int maxCount = 0; // the highest count so far (counts only grow)
        while (true) {
            int left = 0; // rows with entries at or above the cut
            for (int i = 0; i < deg; i++) {
                int[] rx = fr[i];
                int j = cur[i];
                int len = rx.length;
                if (j >= len) {
                    continue;
                }
                int end = cut >= cap ? len : SortedInts.gallop(rx, j, cut);
                for (int k = j; k < end; k++) {
                    int y = rx[k];
                    int c = cnt[y];
                    cnt[y] = (char) (c + 1);
                    touched[t] = y;
                    t += c == 0 ? 1 : 0;
                    int v = c + 1;
                    maxCount = Math.max(maxCount, v < SMALL_MARK ? v : 0);
                }
                cur[i] = end;
                left += end < len ? 1 : 0;
            }
            if (cut >= cap) {
                break;
            }
            int bound = Math.min(left, suffixMax(bm, blockShift, cut, cap));
            int next = cap;
            // cheap necessary condition first: the lowest count of a full top list is at most maxCount
            if (maxCount >= bound || first) {
                int hs = select(cnt, touched, t, heap, limit, exclude);
                if (hs == limit) {
                    int theta = (int) (heap[0] >>> 32);
                    if (theta >= bound) {
                        reset(cnt, touched, t, a, ra);
                        clearRefs(fr, deg);
                        prunedQueries++;
                        return drain(heap, hs);
                    }
                    // the final lowest count is at least theta: the first cut above which nobody has more
                    // connections than theta is sure to stop the next round
                    next = cutFor(bm, blockShift, theta, cut, cap);
                    if (next > cap - (cap >>> 2)) {
                        next = cap; // nearly everything: no point stopping to select again
                    }
                }
            }
            first = false;
            cut = next;
        }
        clearRefs(fr, deg);
        // final selection, resetting the counters on the way
        cnt[a] = 0;
        for (int f : ra) {
            cnt[f] = 0;
        }
        int hs = 0;
        for (int i = 0; i < t; i++) {
            int y = touched[i];
            int c = cnt[y];
            cnt[y] = 0;
            long key = ((long) c << 32) | (0x7FFFFFFFL - y);
            if (hs < limit) {
                if (exclude == null || !exclude.test(y)) {
                    heap[hs] = key;
                    siftUp(heap, hs++);
                }
            } else if (key > heap[0] && (exclude == null || !exclude.test(y))) {
                heap[0] = key;
                siftDown(heap, hs);
            }
        }
        return drain(heap, hs);
    }

    /** Top {@code limit} of the touched candidates into {@code heap} (counters untouched); returns its size. */
    private static int select(char[] cnt, int[] touched, int t, long[] heap, int limit, IntPredicate exclude) {
        int hs = 0;
        for (int i = 0; i < t; i++) {
            int y = touched[i];
            int c = cnt[y];
            if (c >= SMALL_MARK) {
                continue;
            }
            long key = ((long) c << 32) | (0x7FFFFFFFL - y);
            if (hs < limit) {
                if (exclude == null || !exclude.test(y)) {
                    heap[hs] = key;
                    siftUp(heap, hs++);
                }
            } else if (key > heap[0] && (exclude == null || !exclude.test(y))) {
                heap[0] = key;
                siftDown(heap, hs);
            }
        }
        return hs;
    }

    private static void reset(char[] cnt, int[] touched, int t, int a, int[] ra) {
        for (int i = 0; i < t; i++) {
            cnt[touched[i]] = 0;
        }
        cnt[a] = 0;
        for (int f : ra) {
            cnt[f] = 0;
        }
    }

    private static void clearRefs(int[][] fr, int deg) {
        Arrays.fill(fr, 0, deg, null);
    }

    /**
     * The smallest block boundary above {@code after} from which no member has more than {@code theta}
     * connections (or {@code cap}).
     */
    private static int cutFor(int[] bm, int shift, int theta, int after, int cap) {
        int last = Math.min(bm.length - 1, (cap - 1) >>> shift);
        int b = last;
        while (b >= 0 && bm[b] <= theta) {
            b--;
        }
        long cut = (long) (b + 1) << shift;
        return cut <= after ? Math.min(cap, after + (1 << shift)) : (int) Math.min(cap, cut);
    }

    /** The largest connection count of any member with index in [from, cap). */
    private static int suffixMax(int[] bm, int shift, int from, int cap) {
        int max = 0;
        int last = Math.min(bm.length - 1, (cap - 1) >>> shift);
        for (int b = from >>> shift; b <= last; b++) {
            max = Math.max(max, bm[b]);
        }
        return max;
    }

    /** The same with 32-bit counters, for members with 32,768 connections or more. */
    private static Suggestions pymkWide(int[][] r, int n, int a, int[] ra, int limit, IntPredicate exclude,
                                        Scratch sc) {
        int cap = r.length;
        int[] cnt = sc.counter(cap);
        int[] touched = sc.touched(cap + 1);
        final int excluded = Integer.MIN_VALUE / 2; // never counts up to 0
        cnt[a] = excluded;
        for (int f : ra) {
            cnt[f] = excluded;
        }
        int t = 0;
        for (int x : ra) {
            for (int y : row(r, x)) {
                int c = cnt[y];
                cnt[y] = c + 1;
                touched[t] = y;
                t += c == 0 ? 1 : 0;
            }
        }
        cnt[a] = 0;
        for (int f : ra) {
            cnt[f] = 0;
        }
        long[] heap = sc.heap(limit);
        int hs = 0;
        for (int i = 0; i < t; i++) {
            int y = touched[i];
            int c = cnt[y];
            cnt[y] = 0;
            long key = ((long) c << 32) | (0x7FFFFFFFL - y);
            if (hs < limit) {
                if (exclude == null || !exclude.test(y)) {
                    heap[hs] = key;
                    siftUp(heap, hs++);
                }
            } else if (key > heap[0] && (exclude == null || !exclude.test(y))) {
                heap[0] = key;
                siftDown(heap, hs);
            }
        }
        return drain(heap, hs);
    }

    private static Suggestions drain(long[] heap, int hs) {
        int[] members = new int[hs];
        int[] counts = new int[hs];
        for (int k = hs - 1; k >= 0; k--) {
            long top = heap[0];
            members[k] = (int) (0x7FFFFFFFL - (top & 0xFFFFFFFFL));
            counts[k] = (int) (top >>> 32);
            heap[0] = heap[k];
            siftDown(heap, k);
        }
        return new Suggestions(members, counts);
    }

    private static void siftUp(long[] h, int i) {
        long v = h[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (h[p] <= v) {
                break;
            }
            h[i] = h[p];
            i = p;
        }
        h[i] = v;
    }

    private static void siftDown(long[] h, int size) {
        if (size == 0) {
            return;
        }
        long v = h[0];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && h[c + 1] < h[c]) {
                c++;
            }
            if (h[c] >= v) {
                break;
            }
            h[i] = h[c];
            i = c;
        }
        h[i] = v;
    }

    /**
     * Up to {@code limit} shortest paths of at most {@code maxHops} (<= 3) hops, each as member indexes from
     * {@code a} to {@code b} inclusive. Empty when the members are the same, unknown or farther apart.
     * Paths come in lexicographic order of their intermediate members.
     */
    public int[][] shortestPaths(int a, int b, int maxHops, int limit) {
        if (maxHops < 1 || maxHops > 3) {
            throw new IllegalArgumentException("maxHops must be 1..3");
        }
        int d = degree(a, b);
        if (d < 1 || d > maxHops || limit <= 0) {
            return new int[0][];
        }
        if (d == 1) {
            return new int[][]{{a, b}};
        }
        if (d == 2) {
            int[] m = mutuals(a, b, 0, limit);
            int[][] out = new int[m.length][];
            for (int i = 0; i < m.length; i++) {
                out[i] = new int[]{a, m[i], b};
            }
            return out;
        }
        int n = ids.size();
        int[][] r = rows;
        int[] ra = rowOf(r, n, a);
        int[] rb = rowOf(r, n, b);
        int[][] out = new int[limit][];
        int found = 0;
        int[] buf = new int[limit];
        for (int x : ra) {
            int k = SortedInts.intersection(row(r, x), rb, 0, buf, limit - found);
            for (int i = 0; i < k; i++) {
                out[found++] = new int[]{a, x, buf[i], b};
            }
            if (found == limit) {
                break;
            }
        }
        return found == limit ? out : Arrays.copyOf(out, found);
    }

    // ------------------------------------------------------------------ memory

    static long arrayBytes(int elementBytes, long length) {
        return (16 + elementBytes * length + 7) & ~7L;
    }

    /** Heap bytes of the index, computed from its arrays (see {@link MemoryReport}). */
    public MemoryReport memory() {
        int n = ids.size();
        int[][] r = rows;
        long adjacency = arrayBytes(4, r.length);
        for (int i = 0; i < n; i++) {
            int[] row = row(r, i);
            if (row.length > 0) {
                adjacency += arrayBytes(4, row.length);
            }
        }
        return new MemoryReport(n, connections, adjacency, ids.bytes());
    }

    // ------------------------------------------------------------------ bulk load

    /**
     * Bulk loader for start-up (from the {@code connection} table) and the benchmark. Intern members with
     * {@link #member}, add each connection once with {@link #addEdge} (adding both directions is also
     * correct, duplicates are dropped, but costs twice the load memory), then {@link #build()}. Not
     * thread-safe; single use. Needs about 8 bytes per added pair plus the final index while building.
     *
     * <p>By default {@link #build()} renumbers the members most-connected first (ties keep insertion order):
     * hubs then share a few cache lines of every per-member scratch array and sit at the front of every row,
     * which the PYMK pruning relies on for speed (never for correctness). The indexes returned by
     * {@link #member} are therefore only valid inside the builder; after {@code build()} look members up with
     * {@link GraphIndex#indexOf}. {@code orderByDegree(false)} keeps insertion order.
     */
    public static final class Builder {
        private final MemberIds ids;
        private int[] from;
        private int[] to;
        private int size;
        private boolean built;
        private boolean orderByDegree = true;
        private int blockShift = BLOCK_SHIFT;

        Builder(int expectedMembers, long expectedConnections) {
            if (expectedConnections > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many connections for one builder");
            }
            ids = new MemberIds(Math.max(16, expectedMembers));
            int cap = (int) Math.max(16, expectedConnections);
            from = new int[cap];
            to = new int[cap];
        }

        /** Whether {@link #build()} renumbers members most-connected first (default true). */
        public Builder orderByDegree(boolean on) {
            checkOpen();
            orderByDegree = on;
            return this;
        }

        /** Tests: smaller blocks so that pruning shows on small graphs. */
        Builder blockShift(int shift) {
            blockShift = shift;
            return this;
        }

        /** The member's builder-local index (interned). */
        public int member(UUID id) {
            return member(id.getMostSignificantBits(), id.getLeastSignificantBits());
        }

        public int member(long msb, long lsb) {
            checkOpen();
            return ids.add(msb, lsb);
        }

        public int memberCount() {
            return ids.size();
        }

        public Builder addEdge(UUID a, UUID b) {
            return addEdge(member(a), member(b));
        }

        /** Adds a connection between two interned members; self-connections are ignored. */
        public Builder addEdge(int a, int b) {
            checkOpen();
            int n = ids.size();
            if (a < 0 || a >= n || b < 0 || b >= n) {
                throw new IllegalArgumentException("unknown member index " + (a < 0 || a >= n ? a : b));
            }
            if (a == b) {
                return this;
            }
            if (size == from.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8, (long) size + (size >> 1) + 16);
                if (cap == size) {
                    throw new IllegalStateException("too many connections for one builder");
                }
                from = Arrays.copyOf(from, cap);
                to = Arrays.copyOf(to, cap);
            }
            from[size] = a;
            to[size] = b;
            size++;
            return this;
        }

        private void checkOpen() {
            if (built) {
                throw new IllegalStateException("already built");
            }
        }

        public GraphIndex build() {
            checkOpen();
            built = true;
            int n = ids.size();
            int cap = n + (n >> 4) + 16;
            int[] deg = new int[n];
            for (int i = 0; i < size; i++) {
                deg[from[i]]++;
                deg[to[i]]++;
            }
            MemberIds finalIds = ids;
            if (orderByDegree) {
                // sort (degree desc, old index asc) as longs; position = new index
                long[] keys = new long[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = ((long) (Integer.MAX_VALUE - deg[i]) << 32) | i;
                }
                Arrays.parallelSort(keys);
                int[] renumber = new int[n];
                int[] newDeg = new int[n];
                finalIds = new MemberIds(n);
                for (int k = 0; k < n; k++) {
                    int old = (int) keys[k];
                    renumber[old] = k;
                    newDeg[k] = deg[old];
                    finalIds.add(ids.msb(old), ids.lsb(old));
                }
                keys = null;
                deg = newDeg;
                for (int i = 0; i < size; i++) {
                    from[i] = renumber[from[i]];
                    to[i] = renumber[to[i]];
                }
            }
            int[][] rows = new int[cap][];
            Arrays.fill(rows, EMPTY);
            for (int i = 0; i < n; i++) {
                if (deg[i] > 0) {
                    rows[i] = new int[deg[i]];
                }
            }
            for (int i = 0; i < size; i++) {
                int a = from[i];
                int b = to[i];
                rows[a][--deg[a]] = b;
                rows[b][--deg[b]] = a;
            }
            from = null;
            to = null;
            long arcs = IntStream.range(0, n).parallel().mapToLong(i -> {
                int[] row = rows[i];
                int k = SortedInts.sortDistinct(row);
                if (k < row.length) {
                    rows[i] = Arrays.copyOf(row, k);
                }
                return k;
            }).sum();
            return new GraphIndex(finalIds, rows, arcs / 2, blockShift);
        }
    }
}
