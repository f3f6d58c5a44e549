package dev.trellis.notification.application;

import dev.trellis.platform.crypto.PersonalData;
import dev.trellis.events.EventTypes;
import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.NewEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * This service's own inputs in its event store: the private events of {@link PrivateEvents} and the public
 * MessageSent. Each private event is a one-event stream of its own (nothing competes for its version).
 */
@ApplicationScoped
public class Journal {
    private final EventStore store;
    private final PersonalData json;
    private final EntityManager em;

    public Journal(EventStore store, PersonalData json, EntityManager em) {
        this.store = store;
        this.json = json;
        this.em = em;
    }

    /** Records a private event in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(TrellisEvent privateEvent) {
        store.appendAll("private-" + UUID.randomUUID(), 0, List.of(new NewEvent(privateEvent,
                PrivateEvents.type(privateEvent.getClass()), null, privateEvent.partitionKey())));
    }

    /** Every event of the journal after {@code afterPosition}, in the order they were recorded, up to {@code limit}. */
    @Transactional
    public List<Entry> read(long afterPosition, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT position, event_type, payload::text FROM event_store "
                        + "WHERE position > ?1 AND (event_type LIKE 'notification.private.%' OR topic IS NOT NULL) "
                        + "ORDER BY position LIMIT ?2")
                .setParameter(1, afterPosition).setParameter(2, limit).getResultList();
        List<Entry> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Entry(((Number) r[0]).longValue(), parse((String) r[1], (String) r[2])));
        }
        return out;
    }

    public record Entry(long position, TrellisEvent event) {
    }

    private TrellisEvent parse(String type, String payload) {
        try {
            for (Class<? extends TrellisEvent> c : PrivateEvents.ALL) {
                if (PrivateEvents.type(c).equals(type)) {
                    return json.open(payload, c);
                }
            }
            var d = EventTypes.byType(type);
            return d.isPresent() ? json.open(payload, d.get().javaType()) : null;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read journal event " + type, e);
        }
    }
}
