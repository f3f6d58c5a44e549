package dev.trellis.notification.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.notification.api.Views.BadgesView;
import dev.trellis.notification.application.BadgeBroadcaster;
import dev.trellis.notification.application.NotificationService;
import dev.trellis.notification.domain.Badges;
import dev.trellis.platform.domain.DomainException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The live badge: a Server-Sent Events stream of the member's counts, sent on connect and after each change
 * (event {@code badges}, data: the JSON of GET /badges), with a comment line as heartbeat every
 * {@code trellis.notification.sse-heartbeat}. Browsers' EventSource cannot set headers: the token may also come
 * as {@code ?access_token=}, verified by the same JWT rules (signature, issuer, expiry) as the header.
 */
@Path("/badges/stream")
@ApplicationScoped
@SecurityRequirement(name = "jwt")
@Tag(name = "Badges")
public class BadgeStreamResource {
    private static final Logger LOG = Logger.getLogger(BadgeStreamResource.class);

    private final JWTParser parser;
    private final BadgeBroadcaster broadcaster;
    private final NotificationService notifications;
    private final ObjectMapper json;

    public BadgeStreamResource(JWTParser parser, BadgeBroadcaster broadcaster, NotificationService notifications,
                               ObjectMapper json) {
        this.parser = parser;
        this.broadcaster = broadcaster;
        this.notifications = notifications;
        this.json = json;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "My badge counts, live (Server-Sent Events)",
            description = "Event 'badges' with the counts at once and after every change, to every open session; "
                    + "a ':' comment as heartbeat. Bearer token in the Authorization header or ?access_token=.")
    public void stream(@HeaderParam("Authorization") String authorization,
                       @Parameter(description = "the bearer token, for clients that cannot set headers")
                       @QueryParam("access_token") String accessToken,
                       @Context SseEventSink sink, @Context Sse sse) {
        UUID member = authenticate(authorization, accessToken);
        SseSession session = new SseSession(member, sink, sse);
        broadcaster.open(member, session);
        session.send(notifications.badges(member));
    }

    private UUID authenticate(String authorization, String accessToken) {
        String token = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).strip();
        } else if (accessToken != null && !accessToken.isBlank()) {
            token = accessToken.strip();
        }
        if (token == null) {
            throw DomainException.unauthenticated("no-token", "a bearer token is required (header or access_token)");
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            return UUID.fromString(jwt.getSubject());
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw DomainException.unauthenticated("invalid-token", "the token is invalid or expired");
        }
    }

    @Scheduled(every = "${trellis.notification.sse-heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        broadcaster.each(s -> ((SseSession) s).ping());
    }

    /** One open stream; closes itself (and leaves the broadcaster) once the client is gone. */
    private final class SseSession implements BadgeBroadcaster.Session {
        private final UUID member;
        private final SseEventSink sink;
        private final Sse sse;

        SseSession(UUID member, SseEventSink sink, Sse sse) {
            this.member = member;
            this.sink = sink;
            this.sse = sse;
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

        private synchronized void emit(OutboundSseEvent event) {
            if (sink.isClosed()) {
                broadcaster.close(member, this);
                return;
            }
            sink.send(event).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.debugf("badge stream of %s closed: %s", member, failure.toString());
                    broadcaster.close(member, this);
                    try {
                        sink.close();
                    } catch (RuntimeException ignored) {
                        // already gone
                    }
                }
            });
        }
    }
}
