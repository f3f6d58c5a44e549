package dev.trellis.connection.index;

/**
 * What the index occupies on the heap, computed from its arrays (64-bit HotSpot with compressed oops, i.e. a
 * heap under 32 GB: 16-byte array headers, 4-byte references, 8-byte alignment). The pooled query scratch
 * (about 6.4 bytes per member per scratch, at most {@code max(4, 2 x cores)} of them, see
 * {@link GraphIndex}) is working memory and is not included.
 *
 * @param members            member count (indexes handed out)
 * @param connections        undirected connections (each stored once per direction)
 * @param adjacencyBytes     the row table plus every adjacency row
 * @param memberIdBytes      the UUID &lt;-&gt; index map
 */
public record MemoryReport(int members, long connections, long adjacencyBytes, long memberIdBytes) {
    public long totalBytes() {
        return adjacencyBytes + memberIdBytes;
    }

    public double bytesPerConnection() {
        return connections == 0 ? 0 : (double) totalBytes() / connections;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%,d members, %,d connections: adjacency %,d B + member ids %,d B = %,d B (%.2f B/connection)",
                members, connections, adjacencyBytes, memberIdBytes, totalBytes(), bytesPerConnection());
    }
}
