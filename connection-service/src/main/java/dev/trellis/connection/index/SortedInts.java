package dev.trellis.connection.index;

/**
 * Operations on ascending, duplicate-free int arrays (the adjacency rows). Allocation-free except where an
 * array is returned. When one row is much shorter than the other, the intersection gallops (exponential then
 * binary search) through the longer one; otherwise it is a linear merge.
 */
final class SortedInts {
    /** Length ratio above which galloping beats a linear merge. */
    static final int GALLOP_RATIO = 24;

    private SortedInts() {
    }

    static boolean contains(int[] row, int value) {
        return indexOf(row, 0, row.length, value) >= 0;
    }

    /** Binary search in {@code row[from, to)}; like {@link java.util.Arrays#binarySearch(int[], int, int, int)}. */
    static int indexOf(int[] row, int from, int to, int value) {
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = row[mid];
            if (v < value) {
                lo = mid + 1;
            } else if (v > value) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** First position in {@code row[from, length)} whose value is >= value (galloping from {@code from}). */
    static int gallop(int[] row, int from, int value) {
        int n = row.length;
        if (from >= n || row[from] >= value) {
            return from;
        }
        int step = 1;
        int lo = from;
        int hi = from + 1;
        while (hi < n && row[hi] < value) {
            lo = hi;
            step <<= 1;
            hi = from + step;
        }
        if (hi > n) {
            hi = n;
        }
        // row[lo] < value, and row[hi] >= value or hi == n
        int p = indexOf(row, lo + 1, hi, value);
        return p >= 0 ? p : -p - 1;
    }

    static boolean intersects(int[] a, int[] b) {
        int[] small = a.length <= b.length ? a : b;
        int[] large = small == a ? b : a;
        int ns = small.length;
        int nl = large.length;
        if (ns == 0 || small[ns - 1] < large[0] || large[nl - 1] < small[0]) {
            return false;
        }
        if ((long) ns * GALLOP_RATIO < nl) {
            int j = 0;
            for (int i = 0; i < ns && j < nl; i++) {
                j = gallop(large, j, small[i]);
                if (j < nl && large[j] == small[i]) {
                    return true;
                }
            }
            return false;
        }
        int i = 0;
        int j = 0;
        while (i < ns && j < nl) {
            int x = small[i];
            int y = large[j];
            if (x == y) {
                return true;
            }
            if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    static int intersectionCount(int[] a, int[] b) {
        int[] small = a.length <= b.length ? a : b;
        int[] large = small == a ? b : a;
        int ns = small.length;
        int nl = large.length;
        if (ns == 0 || small[ns - 1] < large[0] || large[nl - 1] < small[0]) {
            return 0;
        }
        int count = 0;
        if ((long) ns * GALLOP_RATIO < nl) {
            int j = 0;
            for (int i = 0; i < ns && j < nl; i++) {
                j = gallop(large, j, small[i]);
                if (j < nl && large[j] == small[i]) {
                    count++;
                    j++;
                }
            }
            return count;
        }
        int i = 0;
        int j = 0;
        while (i < ns && j < nl) {
            int x = small[i];
            int y = large[j];
            // branch-light merge: the comparisons compile to conditional moves
            count += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return count;
    }

    /**
     * Writes the members of the intersection, in ascending order, skipping the first {@code skip}, into
     * {@code out} (at most {@code limit}); returns how many were written.
     */
    static int intersection(int[] a, int[] b, int skip, int[] out, int limit) {
        int[] small = a.length <= b.length ? a : b;
        int[] large = small == a ? b : a;
        int ns = small.length;
        int nl = large.length;
        if (ns == 0 || limit == 0 || small[ns - 1] < large[0] || large[nl - 1] < small[0]) {
            return 0;
        }
        int found = 0;
        int written = 0;
        if ((long) ns * GALLOP_RATIO < nl) {
            int j = 0;
            for (int i = 0; i < ns && j < nl; i++) {
                j = gallop(large, j, small[i]);
                if (j < nl && large[j] == small[i]) {
                    if (found++ >= skip) {
                        out[written++] = small[i];
                        if (written == limit) {
                            return written;
                        }
                    }
                    j++;
                }
            }
            return written;
        }
        int i = 0;
        int j = 0;
        while (i < ns && j < nl) {
            int x = small[i];
            int y = large[j];
            if (x == y) {
                if (found++ >= skip) {
                    out[written++] = x;
                    if (written == limit) {
                        return written;
                    }
                }
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return written;
    }

    /**
     * The size of the intersection; also writes its members {@code skip .. skip+limit-1} (ascending) into
     * {@code out}. {@code small} is the shorter row.
     */
    static int intersectionPage(int[] small, int[] large, int skip, int[] out, int limit) {
        int ns = small.length;
        int nl = large.length;
        if (ns == 0 || small[ns - 1] < large[0] || large[nl - 1] < small[0]) {
            return 0;
        }
        int end = (int) Math.min(Integer.MAX_VALUE, (long) skip + limit);
        int found = 0;
        if ((long) ns * GALLOP_RATIO < nl) {
            int j = 0;
            for (int i = 0; i < ns && j < nl; i++) {
                int x = small[i];
                j = gallop(large, j, x);
                if (j < nl && large[j] == x) {
                    if (found >= skip && found < end) {
                        out[found - skip] = x;
                    }
                    found++;
                    j++;
                }
            }
            return found;
        }
        int i = 0;
        int j = 0;
        while (i < ns && j < nl) {
            int x = small[i];
            int y = large[j];
            if (x == y) {
                if (found >= skip && found < end) {
                    out[found - skip] = x;
                }
                found++;
            }
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return found;
    }

    /** A copy of {@code row} with {@code value} inserted at {@code pos}. */
    static int[] insertAt(int[] row, int pos, int value) {
        int[] out = new int[row.length + 1];
        System.arraycopy(row, 0, out, 0, pos);
        out[pos] = value;
        System.arraycopy(row, pos, out, pos + 1, row.length - pos);
        return out;
    }

    /** A copy of {@code row} without the element at {@code pos}. */
    static int[] removeAt(int[] row, int pos) {
        int[] out = new int[row.length - 1];
        System.arraycopy(row, 0, out, 0, pos);
        System.arraycopy(row, pos + 1, out, pos, row.length - pos - 1);
        return out;
    }

    /** Sorts {@code row} in place and returns the number of distinct values, compacted to the front. */
    static int sortDistinct(int[] row) {
        java.util.Arrays.sort(row);
        if (row.length < 2) {
            return row.length;
        }
        int w = 1;
        for (int i = 1; i < row.length; i++) {
            if (row[i] != row[w - 1]) {
                row[w++] = row[i];
            }
        }
        return w;
    }
}
