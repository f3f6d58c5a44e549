package dev.trellis.platform.time;

import dev.trellis.platform.domain.Clock;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Instant;

/** The system clock, unless a test provides another {@link Clock} bean. */
public class ClockProducer {
    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Instant::now;
    }
}
