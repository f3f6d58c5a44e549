package dev.trellis.recommendation.api;

import dev.trellis.recommendation.store.MemberDirectory;

import java.util.UUID;

/** Shapes shared by the resources. */
final class Views {
    /**
     * A member as the viewer may see them: id, name and headline, already shaped by MemberDirectory.namesFor
     * (NameVisibility); null names if the profile is unknown here.
     */
    public record MemberView(UUID memberId, String firstName, String lastName, String headline) {
        static MemberView of(MemberDirectory.Name n) {
            return new MemberView(n.memberId(), n.firstName(), n.lastName(), n.headline());
        }
    }

    static String lower(String status) {
        return status == null ? null : status.toLowerCase();
    }

    private Views() {
    }
}
