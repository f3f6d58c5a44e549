package dev.trellis.notification.api;

import dev.trellis.notification.api.Views.BadgesView;
import dev.trellis.notification.api.Views.ConversationView;
import dev.trellis.notification.api.Views.MessageView;
import dev.trellis.notification.application.MessagingService;
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

import java.util.List;
import java.util.UUID;

@Path("/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Messages")
public class ConversationResource {
    private final MessagingService messaging;
    private final NotificationService notifications;
    private final CurrentMember current;

    public ConversationResource(MessagingService messaging, NotificationService notifications, CurrentMember current) {
        this.messaging = messaging;
        this.notifications = notifications;
        this.current = current;
    }

    @GET
    @Operation(summary = "My conversations, most recent first, with their unread counts",
            description = "open: whether a message can be sent; closedReason: null while open, else always "
                    + "not-possible (never the cause). The other member's name as I may see it (NameVisibility); a member who "
                    + "closed their account is other.name \"Deleted member\" with other.deleted true (the conversation "
                    + "stays, closed).")
    public Page<ConversationView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        int p = Paging.page(page);
        int s = Paging.size(size);
        MessagingService.Conversations c = messaging.conversations(current.id(), p, s);
        return new Page<>(c.items().stream().map(r -> ConversationView.of(r, c.members())).toList(), p, s, c.total());
    }

    /** A page of a conversation: the conversation and its messages, newest first. */
    public record ConversationPage(ConversationView conversation, List<MessageView> items, int page, int size,
                                   long total) {
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a conversation (paged, newest first)",
            description = "Stays readable after the connection is removed (open false, closedReason not-possible); "
                    + "404 conversation-not-found unless I am in it. A message whose sender closed their account has "
                    + "text null and deleted true.")
    public ConversationPage read(@PathParam("id") UUID id, @QueryParam("page") String page,
                                 @QueryParam("size") String size) {
        int p = Paging.page(page);
        int s = Paging.size(size);
        MessagingService.Messages m = messaging.messages(current.id(), id, p, s);
        return new ConversationPage(ConversationView.of(m.conversation(), m.members()),
                m.items().stream().map(MessageView::of).toList(), p, s, m.total());
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark a conversation read", description = "Its unread count becomes 0; returns my badges.")
    public BadgesView markRead(@PathParam("id") UUID id) {
        messaging.markRead(current.id(), id);
        return BadgesView.of(notifications.badges(current.id()));
    }
}
