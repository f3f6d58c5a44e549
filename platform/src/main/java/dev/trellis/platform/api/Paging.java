package dev.trellis.platform.api;

import dev.trellis.platform.domain.DomainException;

/**
 * Parses the page / size query parameters of a list (taken as strings: a malformed number is a 400 naming the
 * parameter, not the 404 JAX-RS would answer for a failed conversion).
 */
public final class Paging {
    public static int page(String page) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        int p = parse("page", page);
        if (p < 0) {
            throw DomainException.invalid("page", "must be 0 or more");
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
