package dev.trellis.events;

/**
 * A public domain event. Implementations are immutable records; their JSON form is the payload
 * of a CloudEvent whose {@code ce_type} is {@link EventTypes#typeOf(Class)}.
 *
 * <p>Evolution rule: add fields, never repurpose them; readers ignore unknown fields and types.
 */
public interface TrellisEvent {
    /** The aggregate (stream) the event belongs to; becomes {@code ce_subject}. */
    String subject();

    /** The Kafka key: the aggregate id, or the member pair for pair events. */
    default String partitionKey() {
        return subject();
    }
}
