package dev.trellis.profile.api;

import dev.trellis.events.profile.ProfileUpdated.Education;
import dev.trellis.events.profile.ProfileUpdated.Position;
import dev.trellis.platform.domain.NameVisibility;
import dev.trellis.profile.domain.Member;
import dev.trellis.profile.store.GroupEntity;
import dev.trellis.profile.store.ProfileEntity;
import dev.trellis.profile.store.ProfileQueries;
import dev.trellis.profile.store.ProfileQueries.MemberRow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What members see of each other. Nothing here ever carries an e-mail address (but the owner's own), a password
 * hash or a token. An out-of-network viewer (3rd degree and beyond) of a NAME_INITIAL profile sees the first name
 * and the initial of the last name only ("Olivia T."), and nothing else of the profile: the one rule of every
 * service, {@link NameVisibility}.
 */
public final class Views {
    public static final String[] DEGREE_LABELS = {"you", "1st", "2nd", "3rd+"};

    private Views() {
    }

    /** The shared rule ({@link NameVisibility}): a NAME_INITIAL profile seen from degree 3 or beyond. */
    static boolean restricted(String profileVisibility, int degree) {
        return NameVisibility.restricted(profileVisibility, degree);
    }

    static String initial(String lastName) {
        return NameVisibility.initial(lastName);
    }

    /** A member in a list: search results, followers, group members, contacts. */
    public record MemberCard(UUID memberId, String firstName, String lastName, String displayName, String headline,
                             int degree, String degreeLabel, boolean restricted, boolean creatorMode) {
        static MemberCard of(MemberRow r) {
            boolean hide = Views.restricted(r.profileVisibility(), r.degree());
            String last = hide ? initial(r.lastName()) : r.lastName();
            return new MemberCard(r.memberId(), r.firstName(), last, r.firstName() + " " + last,
                    hide ? null : r.headline(), r.degree(), DEGREE_LABELS[r.degree()], hide, r.creatorMode());
        }
    }

    /**
     * A profile as another member sees it. {@code connectionCount} is null when the member shows their
     * connections only to themself; {@code followerCount} is public (as on LinkedIn), {@code followingCount} is
     * null but for the member themself (whom and how many one follows is one's own: connecting makes both follow
     * each other, so it would count connections); {@code primaryAction} is FOLLOW for a creator who is not a
     * connection, MESSAGE for a connection, CONNECT otherwise.
     */
    public record ProfileView(UUID memberId, String firstName, String lastName, String displayName, String headline,
                              Instant memberSince, String city, String country, String industry, String careerLevel,
                              List<Position> positions, List<Education> education, List<String> skills,
                              List<String> interests, int degree, String degreeLabel, boolean restricted,
                              boolean creatorMode, String primaryAction, boolean following, long followerCount,
                              Long followingCount, Long connectionCount) {
        static ProfileView of(ProfileEntity p, UUID viewer, ProfileQueries q) {
            int degree = q.degree(viewer, p.memberId);
            boolean hide = Views.restricted(p.profileVisibility, degree);
            String action = degree == 0 ? null : degree == 1 ? "MESSAGE" : p.creatorMode ? "FOLLOW" : "CONNECT";
            boolean following = degree != 0 && q.following(viewer, p.memberId);
            if (hide) {
                String last = initial(p.lastName);
                return new ProfileView(p.memberId, p.firstName, last, p.firstName + " " + last, null, null, null,
                        null, null, null, List.of(), List.of(), List.of(), List.of(), degree, DEGREE_LABELS[degree],
                        true, p.creatorMode, action, following, q.followerCount(p.memberId), null, null);
            }
            Long connections = degree == 0 || Member.EVERYONE.equals(p.connectionsVisibility)
                    ? q.connectionCount(p.memberId) : null;
            return new ProfileView(p.memberId, p.firstName, p.lastName, p.firstName + " " + p.lastName, p.headline,
                    p.createdAt, p.city, p.country, p.industry, p.careerLevel, p.positions(), p.education(),
                    p.skills(), p.interests(), degree, DEGREE_LABELS[degree], false, p.creatorMode, action, following,
                    q.followerCount(p.memberId), degree == 0 ? Long.valueOf(q.followingCount(p.memberId)) : null,
                    connections);
        }
    }

    public record Privacy(String connectionsVisibility, String profileVisibility, boolean findableByEmail) {
        static Privacy of(ProfileEntity p) {
            return new Privacy(p.connectionsVisibility, p.profileVisibility, p.findableByEmail);
        }
    }

    /** The owner's own view: everything, including their e-mail address and privacy settings. */
    public record OwnProfileView(UUID memberId, String email, String firstName, String lastName, String headline,
                                 Instant memberSince, String city, String country, String industry,
                                 String careerLevel, List<Position> positions, List<Education> education,
                                 List<String> skills, List<String> interests, boolean creatorMode, Privacy privacy,
                                 long followerCount, long followingCount, long connectionCount) {
        static OwnProfileView of(ProfileEntity p, String email, ProfileQueries q) {
            return new OwnProfileView(p.memberId, email, p.firstName, p.lastName, p.headline, p.createdAt, p.city,
                    p.country, p.industry, p.careerLevel, p.positions(), p.education(), p.skills(), p.interests(),
                    p.creatorMode, Privacy.of(p), q.followerCount(p.memberId), q.followingCount(p.memberId),
                    q.connectionCount(p.memberId));
        }
    }

    /**
     * A group as the viewer sees it: {@code memberCount} counts the members the viewer sees in its member list
     * (members a block stands between them and the viewer are left out of both); {@code owner} says whether the
     * viewer owns it (the owner's id is not shown: the owner is a member like the others in the member list, where
     * a block hides them, and an owner id beside that list would tell of the block).
     */
    public record GroupView(UUID groupId, String name, String description, boolean owner, Instant createdAt,
                            long memberCount, boolean member) {
        static GroupView of(GroupEntity g, UUID viewer, ProfileQueries q) {
            return new GroupView(g.groupId, g.name, g.description, viewer.equals(g.ownerId), g.createdAt,
                    q.visibleGroupMemberCount(g.groupId, viewer), q.inGroup(g.groupId, viewer));
        }
    }
}
