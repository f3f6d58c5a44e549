package dev.trellis.notification.api;

import dev.trellis.notification.api.Views.BadgesView;
import dev.trellis.notification.application.NotificationService;
import dev.trellis.notification.domain.Badges;
import dev.trellis.notification.domain.Category;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.UUID;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import dev.trellis.platform.api.Paging;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/badges")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Badges")
public class BadgeResource {
    private final NotificationService notifications;
    private final CurrentMember current;

    public BadgeResource(NotificationService notifications, CurrentMember current) {
        this.notifications = notifications;
        this.current = current;
    }

    @GET
    @Operation(summary = "My badge counts",
            description = "Unseen notifications per tab; messages: conversations with unread messages. asOf is the highest sequence "
                    + "number counted: pass it to the 'seen' calls so that what arrives in between keeps counting.")
    public Uni<BadgesView> badges() {
        // answered on the I/O thread when the counts are in memory (the common case); else read on a worker
        UUID me = current.id();
        Badges cached = notifications.cachedBadges(me);
        if (cached != null) {
            return Uni.createFrom().item(BadgesView.of(cached));
        }
        return Uni.createFrom().item(() -> BadgesView.of(notifications.badges(me)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @POST
    @Path("my-network/seen")
    @Operation(summary = "I opened the My Network tab",
            description = "Marks My Network notifications up to asOf (all so far if absent) as seen; returns the new badges.")
    public BadgesView myNetworkSeen(@Parameter(description = "the asOf of the badges that were shown")
                                    @QueryParam("asOf") String asOf) {
        return BadgesView.of(notifications.markSeen(current.id(), Category.MY_NETWORK, Paging.nonNegativeLong("asOf", asOf)));
    }

    @POST
    @Path("notifications/seen")
    @Operation(summary = "I opened the Notifications tab",
            description = "Marks notifications up to asOf (all so far if absent) as seen; returns the new badges.")
    public BadgesView notificationsSeen(@Parameter(description = "the asOf of the badges that were shown")
                                        @QueryParam("asOf") String asOf) {
        return BadgesView.of(notifications.markSeen(current.id(), Category.NOTIFICATIONS, Paging.nonNegativeLong("asOf", asOf)));
    }
}
