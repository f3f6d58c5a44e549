package dev.trellis.notification.api;

import dev.trellis.notification.api.Views.BadgesView;
import dev.trellis.notification.api.Views.NotificationView;
import dev.trellis.notification.application.NotificationService;
import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Notifications")
public class NotificationResource {
    private final NotificationService notifications;
    private final CurrentMember current;

    public NotificationResource(NotificationService notifications, CurrentMember current) {
        this.notifications = notifications;
        this.current = current;
    }

    @GET
    @Operation(summary = "My notifications, newest first",
            description = "All tabs. The text is rendered from the members' current names, as I may see them "
                    + "(NameVisibility: a NAME_INITIAL member who is not my connection is 'Olivia T.', no headline).")
    public Page<NotificationView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        int p = Paging.page(page);
        int s = Paging.size(size);
        NotificationService.Listing l = notifications.list(current.id(), p, s);
        return new Page<>(l.items().stream().map(n -> NotificationView.of(n, l.members())).toList(), p, s, l.total());
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Read one of my notifications", description = "It is also seen. 404 for anyone else's.")
    public NotificationView read(@PathParam("id") UUID id) {
        NotificationService.Listing l = notifications.read(current.id(), id);
        return NotificationView.of(l.items().get(0), l.members());
    }

    @POST
    @Path("read-all")
    @Operation(summary = "Read all my notifications", description = "They are also seen; returns the new badges.")
    public BadgesView readAll() {
        return BadgesView.of(notifications.readAll(current.id()));
    }
}
