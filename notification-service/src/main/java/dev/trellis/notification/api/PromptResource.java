package dev.trellis.notification.api;

import dev.trellis.notification.api.Views.PromptView;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.notification.application.NotificationService;
import dev.trellis.notification.domain.PromptKind;
import dev.trellis.notification.domain.Texts;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.notification.store.PromptEntity;
import dev.trellis.platform.domain.DomainException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.Response;
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
    private final MessagingService messaging;
    private final CurrentMember current;

    public PromptResource(NotificationService notifications, MessagingService messaging, CurrentMember current) {
        this.notifications = notifications;
        this.messaging = messaging;
        this.current = current;
    }

    /** The message to send; without a text, the prompt's pre-filled message. */
    public record SendPrompt(String text, String clientMessageId) {
    }

    @POST
    @Path("{id}/send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the message a WELCOME_MESSAGE or FOLLOW_UP prompt suggests",
            description = "Delivers a real message to the other member (the pre-filled text unless one is given) "
                    + "and clears the prompt. 404 for anyone else's prompt; 422 prompt-expired, prompt-closed, "
                    + "not-a-message-prompt; 403 not-possible as for any message.")
    public Response send(@PathParam("id") UUID id, SendPrompt body) {
        UUID me = current.id();
        PromptEntity p = notifications.pendingPrompt(me, id);
        PromptKind kind = PromptKind.valueOf(p.kind);
        if (!kind.doneByMessage()) {
            throw DomainException.rule("not-a-message-prompt", "a " + kind + " prompt is not done by a message");
        }
        String text = body == null || body.text() == null ? null : body.text();
        if (text == null) {
            MemberEntity other = MemberEntity.findById(p.otherMember);
            text = Texts.prompt(kind, other == null ? null : other.firstName);
        }
        MessagingService.Sent s = messaging.send(me, p.otherMember, text, body == null ? null : body.clientMessageId());
        return Response.status(s.isNew() ? 201 : 200).entity(Views.MessageView.of(s.message())).build();
    }

    @GET
    @Operation(summary = "My pending prompts, newest first",
            description = "After a new connection: welcome the inviter (WELCOME_MESSAGE, to whoever accepted) or follow "
                    + "up (FOLLOW_UP, to the inviter), with a pre-filled message; after accepting a recommendation: "
                    + "write one in return (RECIPROCATE). They expire 14 days later (trellis.notification.prompt-lifetime) "
                    + "and are gone once dismissed or done (the message sent).")
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
