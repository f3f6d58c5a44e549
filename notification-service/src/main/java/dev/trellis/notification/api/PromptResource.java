package dev.trellis.notification.api;

import dev.trellis.notification.api.Views.PromptView;
import dev.trellis.notification.application.NotificationService;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Prompts")
public class PromptResource {
    private final NotificationService notifications;
    private final CurrentMember current;

    public PromptResource(NotificationService notifications, CurrentMember current) {
        this.notifications = notifications;
        this.current = current;
    }

    @GET
    @Operation(summary = "My pending prompts, newest first",
            description = "After a new connection: welcome the inviter (WELCOME_MESSAGE, to whoever accepted) or follow "
                    + "up (FOLLOW_UP, to the inviter), with a pre-filled message. They expire 14 days after the acceptance.")
    public Page<PromptView> prompts(@QueryParam("page") String page, @QueryParam("size") String size) {
        int pg = Paging.page(page);
        int sz = Paging.size(size);
        NotificationService.Prompts p = notifications.prompts(current.id());
        List<PromptView> all = p.items().stream().map(x -> PromptView.of(x, p.members())).toList();
        int from = (int) Math.min((long) pg * sz, all.size());
        return new Page<>(all.subList(from, Math.min(from + sz, all.size())), pg, sz, all.size());
    }

    @POST
    @Path("{id}/dismiss")
    @Operation(summary = "Dismiss one of my prompts", description = "204; 404 for anyone else's.")
    public void dismiss(@PathParam("id") UUID id) {
        notifications.dismiss(current.id(), id);
    }
}
