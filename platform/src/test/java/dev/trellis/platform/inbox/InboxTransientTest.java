package dev.trellis.platform.inbox;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxTransientTest {
    @Test
    void infrastructure_failures_are_transient() {
        assertTrue(Inbox.isTransient(new IllegalStateException(new SQLException("connection refused", "08001"))));
        assertTrue(Inbox.isTransient(new RuntimeException(new SQLTransientConnectionException("acquisition timeout"))));
        assertTrue(Inbox.isTransient(new RuntimeException(new SQLException("could not serialize", "40001"))));
        assertTrue(Inbox.isTransient(new RuntimeException(new SQLException("admin shutdown", "57P01"))));
    }

    @Test
    void bugs_and_data_errors_are_not() {
        assertFalse(Inbox.isTransient(new IllegalStateException("bug")));
        assertFalse(Inbox.isTransient(new RuntimeException(new SQLException("value too long", "22001"))));
        assertFalse(Inbox.isTransient(new RuntimeException(new SQLException("duplicate key", "23505"))));
    }
}
