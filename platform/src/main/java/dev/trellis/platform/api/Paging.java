package dev.trellis.platform.api;

import dev.trellis.platform.domain.DomainException;

/**
 * Parses the page / size query parameters of a list (taken as strings: a malformed number is a 400 naming the
 * parameter, not the 404 JAX-RS would answer for a failed conversion).
 */
public final class Paging {
    /**
     * The highest page number: with at most {@link Page#MAX_SIZE} items a page, {@code page * size} then fits an
     * int (and a SQL OFFSET) with room to spare. Larger pages are a 400, never an overflow.
     */
    public static final int MAX_PAGE = 1_000_000;

    public static int page(String page) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        int p = parse("page", page);
        if (p < 0 || p > MAX_PAGE) {
            throw DomainException.invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        return p;
    }

    public static int size(String size) {
        if (size == null || size.isBlank()) {
            return Page.DEFAULT_SIZE;
        }
        int s = parse("size", size);
        if (s < 1 || s > Page.MAX_SIZE) {
            throw DomainException.invalid("size", "must be between 1 and " + Page.MAX_SIZE);
        }
        return s;
    }

    /** An optional non-negative long query parameter. */
    public static Long nonNegativeLong(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(value.strip());
            if (v < 0) {
                throw DomainException.invalid(name, "must be 0 or more");
            }
            return v;
        } catch (NumberFormatException e) {
            throw DomainException.invalid(name, "must be a whole number");
        }
    }

    /** The row offset of a page, as a long (never overflows). */
    public static long offset(int page, int size) {
        return (long) page * size;
    }

    /**
     * The row offset of a page as JPA's {@code setFirstResult} takes it. {@link #page} caps the page, so the
     * offset of a parsed page and size fits an int; anything larger is an error, never a wrapped-around offset.
     */
    public static int firstResult(int page, int size) {
        return Math.toIntExact(offset(page, size));
    }

    /** One page of a Panache query: {@code range} from the long offset (never Panache's int {@code page * size}). */
    public static <T> io.quarkus.hibernate.orm.panache.PanacheQuery<T> range(
            io.quarkus.hibernate.orm.panache.PanacheQuery<T> query, int page, int size) {
        int first = firstResult(page, size);
        return query.range(first, first + size - 1);
    }

    private static int parse(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(name, "must be a whole number");
        }
    }

    private Paging() {
    }
}
