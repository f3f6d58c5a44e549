package dev.trellis.notification.api;

import dev.trellis.notification.api.Views.MessageView;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.notification.domain.MessageTemplates;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/messages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Messages")
public class MessageResource {
    private final MessagingService messaging;
    private final CurrentMember current;

    public MessageResource(MessagingService messaging, CurrentMember current) {
        this.messaging = messaging;
        this.current = current;
    }

    /** {@code clientMessageId}: optional retry key; a retry with it returns the first message (200). */
    public record SendMessage(UUID to, String text, String clientMessageId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message to a 1st-degree connection",
            description = "201 with the message (200 for a retry with the same clientMessageId; 409 "
                    + "client-message-id-reused for another message). 400 for a missing recipient or a text that is "
                    + "empty or longer than 8,000 characters; 404 member-not-found for an unknown recipient (also one who "
                    + "closed their account); 403 "
                    + "not-possible unless the recipient is a current connection, whatever the cause (never connected, "
                    + "removed, a block either way, oneself).")
    public Response send(SendMessage body) {
        if (body == null) {
            throw DomainException.invalid("body", "a JSON body {to, text} is required");
        }
        MessagingService.Sent s = messaging.send(current.id(), body.to(), body.text(), body.clientMessageId());
        return Response.status(s.isNew() ? 201 : 200).entity(MessageView.of(s.message())).build();
    }

    public record Rendered(String templateId, UUID to, String text) {
    }

    @GET
    @Path("templates")
    @Operation(summary = "The built-in message templates (welcome, follow up, check in, ...) and their placeholders")
    public List<MessageTemplates.MessageTemplate> templates() {
        current.id();
        return MessageTemplates.all();
    }

    @GET
    @Path("templates/{id}/render")
    @Operation(summary = "Fill a template for one recipient, for the member to edit and send",
            description = "Placeholders are filled from both profiles, the recipient's as I may see it (a NAME_INITIAL "
                    + "member who is not my connection: first name and last initial, no company); 400 naming the "
                    + "placeholders without a value, 400 (field to) for a missing or malformed member id; 404 "
                    + "template-not-found, 404 member-not-found for an unknown member.")
    public Rendered render(@PathParam("id") String id, @QueryParam("to") String toParam) {
        UUID to = null;
        if (toParam != null && !toParam.isBlank()) {
            try {
                to = UUID.fromString(toParam.strip());
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("to", "not a member id: " + toParam);
            }
        }
        return new Rendered(id, to, messaging.render(current.id(), id, to));
    }
}
