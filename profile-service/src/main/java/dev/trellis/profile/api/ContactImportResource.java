package dev.trellis.profile.api;

import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.application.ContactImportService;
import dev.trellis.profile.domain.AddressBook;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Contacts import: upload an address book (CSV or vCard, at most 10,000 contacts and 1,000 distinct e-mail
 * addresses) and see which contacts are members. The upload is matched in memory and never stored; members who
 * are not findable by e-mail are not revealed. A member may import at most 5 times an hour and 10 times a day (429
 * too-many-imports with Retry-After). Invite the members found through invitation-service (POST /invitations/bulk).
 */
@Path("/contacts/imports")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Contacts import")
public class ContactImportResource {
    private final ContactImportService imports;
    private final CurrentMember current;

    public ContactImportResource(ContactImportService imports, CurrentMember current) {
        this.imports = imports;
        this.current = current;
    }

    /** A contact who is a member (no e-mail address in it: only what the member shows of themself). */
    public record MemberContact(int contactIndex, String contactName, Views.MemberCard member, boolean invitationPending) {
    }

    /** A contact who is not a member (or not findable), as the uploader gave it. */
    public record OtherContact(int contactIndex, String name, List<String> emails) {
    }

    public record ImportResult(int contacts, List<MemberContact> members, List<OtherContact> nonMembers) {
    }

    static final String LIMITS = " At most 10,000 contacts and 1,000 distinct e-mail addresses an import (400 "
            + "validation-failed, field contacts); at most 5 imports an hour and 10 a day (429 too-many-imports, Retry-After).";

    @POST
    @Consumes({"text/csv", "text/comma-separated-values"})
    @Operation(summary = "Import a CSV address book", description = "Header row optional; the e-mail column is the one whose name contains 'mail'." + LIMITS)
    public ImportResult csv(String body) {
        return run(AddressBook.csv(body));
    }

    @POST
    @Consumes({"text/vcard", "text/x-vcard", "text/directory"})
    @Operation(summary = "Import a vCard address book", description = "Every EMAIL of each card." + LIMITS)
    public ImportResult vcard(String body) {
        return run(AddressBook.vcard(body));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import an address book file", description = "Form field 'file': a .csv or a .vcf "
            + "(by its content type or name). The temporary file is deleted as soon as it has been read." + LIMITS)
    public ImportResult file(@RestForm("file") FileUpload file) {
        if (file == null) {
            throw DomainException.invalid("file", "attach the address book as the form field 'file'");
        }
        String body;
        try {
            body = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DomainException.invalid("file", "cannot read the file as UTF-8 text");
        } finally {
            try {
                Files.deleteIfExists(file.uploadedFile());
            } catch (IOException ignored) {
                // Quarkus deletes uploads at the end of the request as well
            }
        }
        String type = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
        String name = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        boolean vcard = type.contains("vcard") || type.contains("directory") || name.endsWith(".vcf")
                || name.endsWith(".vcard") || body.stripLeading().regionMatches(true, 0, "BEGIN:VCARD", 0, 11);
        return run(vcard ? AddressBook.vcard(body) : AddressBook.csv(body));
    }

    private ImportResult run(List<AddressBook.Contact> contacts) {
        UUID me = current.id();
        ContactImportService.Result r = imports.match(me, contacts);
        return new ImportResult(r.contacts(),
                r.members().stream().map(m -> new MemberContact(m.contactIndex(), m.contactName(),
                        Views.MemberCard.of(m.member()), m.invitationPending())).toList(),
                r.nonMembers().stream().map(c -> new OtherContact(c.index(), c.name(), c.emails())).toList());
    }
}
