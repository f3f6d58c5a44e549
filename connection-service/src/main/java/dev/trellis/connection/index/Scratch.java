package dev.trellis.connection.index;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-query working memory, reused across queries: visited / frontier bitsets (1 bit per member: 125 KB for
 * a million members, so they stay in L2), a counter per member (16-bit: 2 MB per million members, so it stays in L2; 32-bit only for members with 32,768+ connections) and a touched list for PYMK, and a small
 * long heap for top-k. Every query leaves the arrays it used cleared (all zero) on release.
 *
 * <p>Scratches come from a small bounded {@link Pool} rather than a ThreadLocal, so a server with hundreds
 * of worker (or virtual) threads holds at most {@code 2 x cores} of them. Arrays are allocated lazily and
 * grown when the graph has grown.
 */
final class Scratch {
    long[] seen = new long[0];
    long[] frontier = new long[0];
    long[] next = new long[0];
    int[] counter = new int[0];
    char[] smallCounter = new char[0];
    int[] touched = new int[0];
    long[] heap = new long[0];
    int[][] rowRefs = new int[0][];
    int[] cursors = new int[0];
    int[] list = new int[0];

    long[] seen(int capacity) {
        if (seen.length * 64L < capacity) {
            seen = new long[words(capacity)];
        }
        return seen;
    }

    long[] frontier(int capacity) {
        if (frontier.length * 64L < capacity) {
            frontier = new long[words(capacity)];
        }
        return frontier;
    }

    long[] next(int capacity) {
        if (next.length * 64L < capacity) {
            next = new long[words(capacity)];
        }
        return next;
    }

    int[] counter(int capacity) {
        if (counter.length < capacity) {
            counter = new int[capacity];
        }
        return counter;
    }

    char[] smallCounter(int capacity) {
        if (smallCounter.length < capacity) {
            smallCounter = new char[capacity];
        }
        return smallCounter;
    }

    int[] touched(int capacity) {
        if (touched.length < capacity) {
            touched = new int[capacity];
        }
        return touched;
    }

    int[][] rowRefs(int size) {
        if (rowRefs.length < size) {
            rowRefs = new int[Math.max(size, 64)][];
        }
        return rowRefs;
    }

    int[] cursors(int size) {
        if (cursors.length < size) {
            cursors = new int[Math.max(size, 64)];
        }
        return cursors;
    }

    long[] heap(int size) {
        if (heap.length < size) {
            heap = new long[Math.max(size, 32)];
        }
        return heap;
    }

    int[] list(int size) {
        if (list.length < size) {
            list = new int[Math.max(size, list.length * 2)];
        }
        return list;
    }

    static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    static void clear(long[] bits) {
        Arrays.fill(bits, 0L);
    }

    static final class Pool {
        private final AtomicReferenceArray<Scratch> slots;

        Pool(int size) {
            slots = new AtomicReferenceArray<>(size);
        }

        Scratch acquire() {
            int n = slots.length();
            int start = (int) (Thread.currentThread().getId() % n);
            for (int k = 0; k < n; k++) {
                int i = (start + k) % n;
                Scratch s = slots.get(i);
                if (s != null && slots.compareAndSet(i, s, null)) {
                    return s;
                }
            }
            return new Scratch();
        }

        void release(Scratch s) {
            int n = slots.length();
            int start = (int) (Thread.currentThread().getId() % n);
            for (int k = 0; k < n; k++) {
                int i = (start + k) % n;
                if (slots.get(i) == null && slots.compareAndSet(i, null, s)) {
                    return;
                }
            }
            // pool full: drop it
        }
    }
}
