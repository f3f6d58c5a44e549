package dev.trellis.platform.domain;

import java.time.Instant;

/** Where domain code gets "now" from, so tests can move time. */
@FunctionalInterface
public interface Clock {
    Instant now();
}
