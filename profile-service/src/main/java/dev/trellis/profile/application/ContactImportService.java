package dev.trellis.profile.application;

import dev.trellis.platform.domain.Clock;
import dev.trellis.profile.domain.AddressBook;
import dev.trellis.profile.domain.AddressBook.Contact;
import dev.trellis.profile.domain.ImportAllowance;
import dev.trellis.profile.store.ProfileQueries;
import dev.trellis.profile.store.ProfileQueries.MemberRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Contacts import: which contacts of an uploaded address book are members. The upload is only held in memory
 * while matching and is never stored; matching compares HMACs of normalised addresses with the members' e-mail
 * HMACs, and members who turned "findable by e-mail" off are never revealed (they come back as non-members).
 * Imports are limited ({@link ImportAllowance}): at most so many addresses in one, so many imports an hour and a
 * day per member (only when and how many addresses each import held is recorded, never what).
 */
@ApplicationScoped
public class ContactImportService {
    private final EmailHasher hasher;
    private final ProfileQueries queries;
    private final Clock clock;
    private final ImportAllowance.Policy policy;

    public ContactImportService(EmailHasher hasher, ProfileQueries queries, Clock clock,
                                @ConfigProperty(name = "trellis.contacts.max-addresses", defaultValue = "1000") int maxAddresses,
                                @ConfigProperty(name = "trellis.contacts.imports-per-hour", defaultValue = "5") int perHour,
                                @ConfigProperty(name = "trellis.contacts.imports-per-day", defaultValue = "10") int perDay) {
        this.hasher = hasher;
        this.queries = queries;
        this.clock = clock;
        this.policy = new ImportAllowance.Policy(maxAddresses, perHour, perDay);
    }

    /** A contact who is a member, with their degree from the uploader and whether an invitation is waiting. */
    public record Match(int contactIndex, String contactName, MemberRow member, boolean invitationPending) {
    }

    public record Result(int contacts, List<Match> members, List<Contact> nonMembers) {
    }

    @Transactional
    public Result match(UUID viewer, List<Contact> contacts) {
        List<String> hmacs = new ArrayList<>();
        for (Contact c : contacts) {
            for (String e : c.emails()) {
                String h = hasher.hmacOfContact(e);
                if (h != null) {
                    hmacs.add(h);
                }
            }
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(hmacs));
        ImportAllowance.checkSize(distinct.size(), policy);
        // one member's imports one at a time, so that two at once cannot both pass the count
        queries.lockContactImports(viewer);
        Instant now = clock.now();
        ImportAllowance.checkRate(queries.contactImportsSince(viewer, now.minus(ImportAllowance.DAY)), now, policy);
        queries.recordContactImport(viewer, now, distinct.size());
        Map<String, MemberRow> found = queries.findableByEmailHmac(viewer, distinct);
        String own = queries.emailHmacOf(viewer);
        List<Match> members = new ArrayList<>();
        List<Contact> nonMembers = new ArrayList<>();
        Set<UUID> seen = new LinkedHashSet<>();
        for (Contact c : contacts) {
            MemberRow hit = null;
            boolean self = false;
            for (String e : c.emails()) {
                String h = hasher.hmacOfContact(e);
                if (h == null) {
                    continue;
                }
                if (found.containsKey(h)) {
                    hit = found.get(h);
                    break;
                }
                if (h.equals(own)) {
                    self = true;
                }
            }
            if (hit != null) {
                if (seen.add(hit.memberId())) {
                    members.add(new Match(c.index(), c.name(), hit, queries.invitationPending(viewer, hit.memberId())));
                }
            } else if (!self) {
                nonMembers.add(c);
            }
        }
        return new Result(contacts.size(), members, nonMembers);
    }
}
