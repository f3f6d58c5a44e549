package dev.trellis.platform.observability;

import org.jboss.logging.MDC;

import java.util.UUID;

/**
 * The correlation id, causation id and actor of the work in progress, kept in the logging MDC so that every
 * log line shows them and every appended event carries them in its metadata.
 */
public final class Correlation {
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String ACTOR = "actor";
    public static final String HEADER = "X-Correlation-ID";

    public static String correlationId() {
        Object v = MDC.get(CORRELATION_ID);
        return v == null ? null : v.toString();
    }

    public static String causationId() {
        Object v = MDC.get(CAUSATION_ID);
        return v == null ? null : v.toString();
    }

    public static String actor() {
        Object v = MDC.get(ACTOR);
        return v == null ? null : v.toString();
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static void set(String correlationId, String causationId, String actor) {
        put(CORRELATION_ID, correlationId);
        put(CAUSATION_ID, causationId);
        put(ACTOR, actor);
    }

    public static void clear() {
        MDC.remove(CORRELATION_ID);
        MDC.remove(CAUSATION_ID);
        MDC.remove(ACTOR);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private Correlation() {
    }
}
