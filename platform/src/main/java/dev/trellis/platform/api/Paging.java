package dev.trellis.platform.api;

import dev.trellis.platform.domain.DomainException;

/** Validates the page / size query parameters of a list. */
public final class Paging {
    public static int page(Integer page) {
        if (page == null) {
            return 0;
        }
        if (page < 0) {
            throw DomainException.rule("invalid-page", "page must be 0 or more");
        }
        return page;
    }

    public static int size(Integer size) {
        if (size == null) {
            return Page.DEFAULT_SIZE;
        }
        if (size < 1 || size > Page.MAX_SIZE) {
            throw DomainException.rule("invalid-page-size", "size must be between 1 and " + Page.MAX_SIZE);
        }
        return size;
    }

    private Paging() {
    }
}
