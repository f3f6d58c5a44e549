package dev.trellis.connection.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.UUID;

/**
 * Member UUID &lt;-&gt; dense int index. Indexes are handed out 0, 1, 2, ... and never reused or removed.
 *
 * <p>Layout: the UUID of index {@code i} is {@code (msb[i], lsb[i])}; an open-addressing table of
 * {@code int} slots (linear probing, load &lt;= 1/2) holds {@code index + 1} (0 = empty). Lookups read
 * primitives only: no boxing, no allocation.
 *
 * <p>Concurrency: one writer (callers serialise {@link #add}), any number of lock-free readers. The writer
 * fills {@code msb/lsb[i]} and then publishes the slot with a release store; readers load slots with acquire
 * loads, so a visible slot always comes with its UUID. Growth builds a complete new {@link Table} and
 * publishes it through a volatile field.
 */
final class MemberIds {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

    static final class Table {
        final long[] msb;
        final long[] lsb;
        final int[] slots;
        final int mask;

        Table(int capacity, int slotCount) {
            msb = new long[capacity];
            lsb = new long[capacity];
            slots = new int[slotCount];
            mask = slotCount - 1;
        }
    }

    private volatile Table table;
    private volatile int size;

    MemberIds(int expected) {
        int cap = Math.max(16, expected);
        table = new Table(cap, slotCountFor(cap));
    }

    private static int slotCountFor(int capacity) {
        long want = Math.max(32L, (long) capacity * 2);
        int slots = Integer.highestOneBit((int) Math.min(1 << 30, want));
        return slots < want ? slots << 1 : slots;
    }

    static int hash(long msb, long lsb) {
        long h = msb * 0x9E3779B97F4A7C15L ^ lsb;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    int size() {
        return size;
    }

    int indexOf(UUID id) {
        return indexOf(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    int indexOf(long msb, long lsb) {
        Table t = table;
        int[] slots = t.slots;
        int mask = t.mask;
        int p = hash(msb, lsb) & mask;
        while (true) {
            int v = (int) SLOT.getAcquire(slots, p);
            if (v == 0) {
                return -1;
            }
            int i = v - 1;
            if (t.msb[i] == msb && t.lsb[i] == lsb) {
                return i;
            }
            p = (p + 1) & mask;
        }
    }

    UUID id(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("no member with index " + index);
        }
        Table t = table;
        return new UUID(t.msb[index], t.lsb[index]);
    }

    long msb(int index) {
        return table.msb[index];
    }

    long lsb(int index) {
        return table.lsb[index];
    }

    /** The index of the member, added if absent. Single writer. */
    int add(long msb, long lsb) {
        int existing = indexOf(msb, lsb);
        if (existing >= 0) {
            return existing;
        }
        int i = size;
        Table t = table;
        if (i == t.msb.length || (long) (i + 1) * 2 > t.slots.length) {
            t = grow(t, i);
        }
        t.msb[i] = msb;
        t.lsb[i] = lsb;
        int p = hash(msb, lsb) & t.mask;
        while ((int) SLOT.getAcquire(t.slots, p) != 0) {
            p = (p + 1) & t.mask;
        }
        SLOT.setRelease(t.slots, p, i + 1);
        size = i + 1;
        return i;
    }

    private Table grow(Table old, int used) {
        int cap = Math.max(16, old.msb.length + (old.msb.length >> 1));
        if (cap >= Integer.MAX_VALUE / 2) {
            throw new IllegalStateException("too many members");
        }
        Table t = new Table(cap, slotCountFor(cap));
        System.arraycopy(old.msb, 0, t.msb, 0, used);
        System.arraycopy(old.lsb, 0, t.lsb, 0, used);
        for (int i = 0; i < used; i++) {
            int p = hash(t.msb[i], t.lsb[i]) & t.mask;
            while (t.slots[p] != 0) {
                p = (p + 1) & t.mask;
            }
            t.slots[p] = i + 1;
        }
        table = t; // volatile publish of a fully built table
        return t;
    }

    long bytes() {
        Table t = table;
        return GraphIndex.arrayBytes(8, t.msb.length) * 2 + GraphIndex.arrayBytes(4, t.slots.length);
    }
}
