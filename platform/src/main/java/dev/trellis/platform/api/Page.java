package dev.trellis.platform.api;

import java.util.List;

/** One page of a list: items, the page index (0-based), the page size and the total number of items. */
public record Page<T>(List<T> items, int page, int size, long total) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
}
