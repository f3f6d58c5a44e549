package dev.trellis.platform.eventstore;

import dev.trellis.events.EventTypes;
import dev.trellis.events.TrellisEvent;

/** An event about to be appended: its type name, topic (null = private, never published) and Kafka key. */
public record NewEvent(TrellisEvent event, String type, String topic, String partitionKey) {

    /** A public event: type and topic come from the catalog in {@link EventTypes}. */
    public static NewEvent of(TrellisEvent event) {
        EventTypes.Descriptor d = EventTypes.of(event.getClass());
        return new NewEvent(event, d.type(), d.topic(), event.partitionKey());
    }
}
