package dev.trellis.events;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.recommendation.RecommendationWritten;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of public event types: {@code ce_type} name <-> record class <-> topic.
 * A type name is {@code trellis.<context>.<EventName>.v<N>}.
 */
public final class EventTypes {

    public record Descriptor(String type, Class<? extends TrellisEvent> javaType, String topic) {
    }

    private static final Map<String, Descriptor> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, Descriptor> BY_CLASS = new LinkedHashMap<>();

    static {
        register("trellis.profile.ProfileCreated.v1", ProfileCreated.class, Topics.PROFILE);
        register("trellis.invitation.InvitationSent.v1", InvitationSent.class, Topics.INVITATION);
        register("trellis.invitation.InvitationAccepted.v1", InvitationAccepted.class, Topics.INVITATION);
        register("trellis.invitation.InvitationIgnored.v1", InvitationIgnored.class, Topics.INVITATION);
        register("trellis.invitation.InvitationWithdrawn.v1", InvitationWithdrawn.class, Topics.INVITATION);
        register("trellis.invitation.InvitationDeclinedAsUnknown.v1", InvitationDeclinedAsUnknown.class, Topics.INVITATION);
        register("trellis.invitation.InvitationExpired.v1", InvitationExpired.class, Topics.INVITATION);
        register("trellis.invitation.InvitationReminderDue.v1", InvitationReminderDue.class, Topics.INVITATION);
        register("trellis.connection.ConnectionMade.v1", ConnectionMade.class, Topics.CONNECTION);
        register("trellis.connection.ConnectionRemoved.v1", ConnectionRemoved.class, Topics.CONNECTION);
        register("trellis.connection.MemberBlocked.v1", MemberBlocked.class, Topics.CONNECTION);
        register("trellis.connection.MemberUnblocked.v1", MemberUnblocked.class, Topics.CONNECTION);
        register("trellis.recommendation.RecommendationWritten.v1", RecommendationWritten.class, Topics.RECOMMENDATION);
    }

    private static void register(String type, Class<? extends TrellisEvent> javaType, String topic) {
        Descriptor d = new Descriptor(type, javaType, topic);
        BY_TYPE.put(type, d);
        BY_CLASS.put(javaType, d);
    }

    public static Optional<Descriptor> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Descriptor of(Class<?> javaType) {
        Descriptor d = BY_CLASS.get(javaType);
        if (d == null) {
            throw new IllegalArgumentException("not a registered public event: " + javaType.getName());
        }
        return d;
    }

    public static String typeOf(Class<?> javaType) {
        return of(javaType).type();
    }

    public static Iterable<Descriptor> all() {
        return BY_TYPE.values();
    }

    private EventTypes() {
    }
}
