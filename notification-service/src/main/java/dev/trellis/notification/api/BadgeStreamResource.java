package dev.trellis.notification.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.notification.api.Views.BadgesView;
import dev.trellis.notification.application.BadgeBroadcaster;
import dev.trellis.notification.application.NotificationService;
import dev.trellis.notification.application.StreamTickets;
import dev.trellis.notification.domain.Badges;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.platform.security.Revocations;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live badge: a Server-Sent Events stream of the member's counts, sent on connect and after each change
 * (event {@code badges}, data: the JSON of GET /badges), with a comment line as heartbeat every
 * {@code trellis.notification.sse-heartbeat}.
 *
 * <p>Opened with the bearer token in the {@code Authorization} header (verified by the same JWT rules as every
 * endpoint), or, for browsers' EventSource, which cannot set headers, with a single-use {@code ?ticket=} from
 * {@code POST /badges/stream-tickets}. An access token in the URL ({@code ?access_token=}) is not accepted:
 * URLs end up in logs. At most {@code sse-max-per-member} streams per member and {@code sse-max-total} in all on
 * each replica (429 too-many-streams beyond). A stream ends when its token expires, or when its token's session is
 * revoked (AccessRevoked, on every replica): event {@code expired}, then the stream is closed. Besides the push of
 * the revocation (a NOTIFY, lost if this replica's listener was reconnecting), every heartbeat asks
 * {@link Revocations} (which every replica reads itself) and ends the streams of revoked sessions.
 */
@Path("/badges/stream")
@ApplicationScoped
@SecurityRequirement(name = "jwt")
@Tag(name = "Badges")
public class BadgeStreamResource {
    private static final Logger LOG = Logger.getLogger(BadgeStreamResource.class);

    private final BadgeBroadcaster broadcaster;
    private final NotificationService notifications;
    private final StreamTickets tickets;
    private final Revocations revocations;
    private final JsonWebToken jwt;
    private final ObjectMapper json;
    private final int maxPerMember;
    private final int maxTotal;
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "badge-stream-expiry");
        t.setDaemon(true);
        return t;
    });

    public BadgeStreamResource(BadgeBroadcaster broadcaster, NotificationService notifications, StreamTickets tickets,
                               Revocations revocations, JsonWebToken jwt, ObjectMapper json,
                               @ConfigProperty(name = "trellis.notification.sse-max-per-member") int maxPerMember,
                               @ConfigProperty(name = "trellis.notification.sse-max-total") int maxTotal) {
        this.broadcaster = broadcaster;
        this.notifications = notifications;
        this.tickets = tickets;
        this.revocations = revocations;
        this.jwt = jwt;
        this.json = json;
        this.maxPerMember = maxPerMember;
        this.maxTotal = maxTotal;
    }

    /** Who opens the stream, and until when their token is valid. */
    private record Opener(UUID member, String sessionId, Instant expiresAt) {
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "My badge counts, live (Server-Sent Events)",
            description = "Event 'badges' with the counts at once and after every change, to every open session; "
                    + "a ':' comment as heartbeat; event 'expired' and the end of the stream when the token expires "
                    + "or its session is revoked. "
                    + "Bearer token in the Authorization header, or ?ticket= from POST /badges/stream-tickets "
                    + "(single use, 30 s); ?access_token= is not accepted. 401 without either; 429 too-many-streams "
                    + "beyond 5 open streams of the member or the replica's total.")
    public void stream(@Parameter(description = "a single-use ticket from POST /badges/stream-tickets, for clients "
                               + "that cannot set headers")
                       @QueryParam("ticket") String ticket,
                       @Context SseEventSink sink, @Context Sse sse) {
        Opener who = authenticate(ticket);
        if (revocations.isRevoked(who.sessionId())) {
            throw DomainException.unauthenticated("session-revoked", "the session of this token was ended");
        }
        SseSession session = new SseSession(who.member(), who.sessionId(), sink, sse);
        BadgeBroadcaster.Refusal refusal = broadcaster.tryOpen(who.member(), session, maxPerMember, maxTotal);
        if (refusal != null) {
            throw DomainException.rateLimited("too-many-streams", refusal == BadgeBroadcaster.Refusal.MEMBER_LIMIT
                    ? "at most " + maxPerMember + " badge streams can be open per member: close one first"
                    : "too many badge streams are open: try again later", null);
        }
        long delay = who.expiresAt().toEpochMilli() - System.currentTimeMillis();
        session.expiry = expiry.schedule(session::expire, Math.max(0, delay), TimeUnit.MILLISECONDS);
        session.send(notifications.badges(who.member()));
    }

    private Opener authenticate(String ticket) {
        if (jwt != null && jwt.getRawToken() != null && jwt.getSubject() != null) {
            try {
                UUID member = UUID.fromString(jwt.getSubject());
                return new Opener(member, CurrentMember.sessionIdOf(jwt.getClaim(CurrentMember.SESSION_CLAIM)), Instant.ofEpochSecond(jwt.getExpirationTime()));
            } catch (IllegalArgumentException e) {
                throw DomainException.unauthenticated("invalid-token", "the token is invalid or expired");
            }
        }
        if (ticket != null && !ticket.isBlank()) {
            StreamTickets.Redeemed r = tickets.redeem(ticket);
            return new Opener(r.memberId(), r.sessionId(), r.tokenExpiresAt());
        }
        throw DomainException.unauthenticated("no-token",
                "a bearer token (Authorization header) or a stream ticket (?ticket=) is required");
    }

    @Scheduled(every = "${trellis.notification.sse-heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        broadcaster.each(s -> {
            SseSession session = (SseSession) s;
            if (revocations.isRevoked(session.sessionId())) {
                session.end();
            } else {
                session.ping();
            }
        });
    }

    void stop(@Observes ShutdownEvent e) {
        expiry.shutdownNow();
    }

    /** One open stream; closes itself (and leaves the broadcaster) once the client is gone or the token expired. */
    private final class SseSession implements BadgeBroadcaster.Session {
        private final UUID member;
        private final String sessionId;
        private final SseEventSink sink;
        private final Sse sse;
        volatile ScheduledFuture<?> expiry;

        SseSession(UUID member, String sessionId, SseEventSink sink, Sse sse) {
            this.member = member;
            this.sessionId = sessionId;
            this.sink = sink;
            this.sse = sse;
        }

        @Override
        public String sessionId() {
            return sessionId;
        }

        /** The token's session was revoked (log-out, password change): ends the stream as its expiry does. */
        @Override
        public void end() {
            ScheduledFuture<?> f = expiry;
            if (f != null) {
                f.cancel(false);
            }
            expire();
        }

        @Override
        public void send(Badges badges) {
            String data;
            try {
                data = json.writeValueAsString(BadgesView.of(badges));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            emit(sse.newEventBuilder().name("badges").mediaType(MediaType.APPLICATION_JSON_TYPE).data(data).build());
        }

        void ping() {
            emit(sse.newEventBuilder().comment("keep-alive").build());
        }

        /** The token expired: say so, then end the stream (the client opens a new one with a fresh token). */
        synchronized void expire() {
            broadcaster.close(member, this);
            if (sink.isClosed()) {
                return;
            }
            sink.send(sse.newEventBuilder().name("expired").data("the access token expired").build())
                    .whenComplete((ok, failure) -> closeSink());
        }

        private synchronized void emit(OutboundSseEvent event) {
            if (sink.isClosed()) {
                gone();
                return;
            }
            sink.send(event).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.debugf("badge stream of %s closed: %s", member, failure.toString());
                    gone();
                    closeSink();
                }
            });
        }

        private void gone() {
            broadcaster.close(member, this);
            ScheduledFuture<?> f = expiry;
            if (f != null) {
                f.cancel(false);
            }
        }

        private void closeSink() {
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
