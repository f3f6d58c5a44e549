package dev.trellis.testing;

import dev.trellis.platform.domain.Clock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of every service under {@code @QuarkusTest}: real time plus an offset that a test can move
 * ({@code clock.advance(Duration.ofDays(7))}) to reach reminders, expiries and cooldowns.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock implements Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant now() {
        return Instant.now().plus(offset.get());
    }

    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }
}
