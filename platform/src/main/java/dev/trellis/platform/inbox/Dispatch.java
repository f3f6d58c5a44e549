package dev.trellis.platform.inbox;

import dev.trellis.events.TrellisEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An {@link EventHandler} made of one action per event type, so that the types it handles are known before a
 * record is parsed: the inbox skips the others (see {@link EventHandler#handles}). Event types are records, so
 * the match is on the exact class.
 * <pre>{@code
 * EventHandler h = Dispatch.of()
 *         .on(ProfileCreated.class, p -> members.upsert(p.memberId(), p.firstName(), p.lastName()))
 *         .on(ProfileUpdated.class, p -> members.update(p.memberId(), p.firstName(), p.lastName()));
 * }</pre>
 */
public final class Dispatch implements EventHandler {
    private final Map<Class<? extends TrellisEvent>, BiConsumer<TrellisEvent, IncomingEvent>> actions = new LinkedHashMap<>();

    private Dispatch() {
    }

    public static Dispatch of() {
        return new Dispatch();
    }

    /** Applies {@code action} to events of {@code type}. */
    public <E extends TrellisEvent> Dispatch on(Class<E> type, Consumer<? super E> action) {
        return on(type, (e, envelope) -> action.accept(e));
    }

    /** Applies {@code action} to events of {@code type}, with their envelope. */
    public <E extends TrellisEvent> Dispatch on(Class<E> type, BiConsumer<? super E, IncomingEvent> action) {
        if (actions.putIfAbsent(type, (e, envelope) -> action.accept(type.cast(e), envelope)) != null) {
            throw new IllegalArgumentException(type.getSimpleName() + " has an action already");
        }
        return this;
    }

    @Override
    public boolean handles(Class<? extends TrellisEvent> type) {
        return actions.containsKey(type);
    }

    @Override
    public void handle(TrellisEvent event, IncomingEvent envelope) {
        BiConsumer<TrellisEvent, IncomingEvent> action = actions.get(event.getClass());
        if (action != null) {
            action.accept(event, envelope);
        }
    }
}
