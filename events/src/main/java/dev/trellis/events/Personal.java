package dev.trellis.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of an event record as personal data of the members named by {@link #of()}: the event store
 * writes it encrypted with each of their keys from the key vault (crypto-shredding, see docs/architecture.md,
 * "Erasure"), so the value is encrypted in every event store row and in every record on every topic. Readers get
 * the value back while all those keys exist; once any of them is deleted (the member closed the account), they
 * get {@link #placeholder()} for a text (null unless one is given), an empty list for a list, and null otherwise.
 *
 * <p>On the wire the component is a JSON string {@code "trellis:enc:v1:<base64>"} (one layer per owner, the first
 * owner innermost). A plain value (an event written before encryption existed) is read as it is.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Personal {
    /** Names of the record's UUID components whose members' keys seal the value. */
    String[] of();

    /** {@link #placeholder()}'s default: a text reads as null once a key is gone. */
    String NULL = "\u0000";

    /** What a reader gets for a text once a key is gone. */
    String placeholder() default NULL;
}
