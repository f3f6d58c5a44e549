package dev.trellis.platform.api;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemMappersTest {
    @Test
    void text_postgresql_cannot_store_is_the_clients_input() {
        assertTrue(ProblemMappers.unstorableText(new RuntimeException(new SQLException("invalid byte sequence", "22021"))));
        assertTrue(ProblemMappers.unstorableText(new IllegalStateException("wrapped",
                new RuntimeException(new SQLException("unsupported Unicode escape sequence", "22P05")))));
        assertFalse(ProblemMappers.unstorableText(new RuntimeException(new SQLException("unique violation", "23505"))));
        assertFalse(ProblemMappers.unstorableText(new RuntimeException("no SQL at all")));
    }

    @Test
    void a_truncated_multipart_body_is_the_clients_input() {
        java.io.IOException truncated = new java.io.IOException("Connection terminated parsing multipart request");
        truncated.setStackTrace(new StackTraceElement[]{new StackTraceElement(
                "org.jboss.resteasy.reactive.server.core.multipart.MultiPartParserDefinition$MultiPartUploadHandler",
                "parseBlocking", null, 1)});
        assertTrue(ProblemMappers.unreadableMultipart(new RuntimeException(truncated)));
        assertFalse(ProblemMappers.unreadableMultipart(new java.io.IOException("disk full")));
    }
}
