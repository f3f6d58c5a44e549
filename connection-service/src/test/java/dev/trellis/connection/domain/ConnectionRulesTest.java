package dev.trellis.connection.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionRulesTest {
    @Test
    void degree_labels() {
        assertEquals("1st", ConnectionRules.label(1));
        assertEquals("2nd", ConnectionRules.label(2));
        assertEquals("3rd", ConnectionRules.label(3));
        assertEquals("out-of-network", ConnectionRules.label(null));
    }
}
