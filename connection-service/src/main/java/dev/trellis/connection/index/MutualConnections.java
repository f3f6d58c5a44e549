package dev.trellis.connection.index;

/**
 * Shared connections of two members: how many there are in all, and one page of them (member indexes,
 * ascending). The array belongs to the caller.
 *
 * @param total   the number of shared connections
 * @param members the requested page
 */
public record MutualConnections(int total, int[] members) {
}
