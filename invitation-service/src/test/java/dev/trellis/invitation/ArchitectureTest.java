package dev.trellis.invitation;

import dev.trellis.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    void the_service_keeps_the_shared_shape() {
        ArchitectureRules.check("invitation");
    }
}
