package dev.trellis.profile.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.profile.CreatorModeChanged;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.events.profile.ProfileUpdated.Education;
import dev.trellis.events.profile.ProfileUpdated.Position;
import dev.trellis.events.profile.SkillAdded;
import dev.trellis.events.profile.SkillRemoved;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The member aggregate (stream "member-<id>"): the profile, the skills, the privacy settings and creator mode.
 * State is folded from the stream; every command returns the events it decided (none when nothing changes).
 */
public final class Member {
    public static final int MAX_NAME = 50;
    public static final int MAX_HEADLINE = 220;
    public static final int MAX_PLACE = 100;
    public static final int MAX_ENTRY_TEXT = 100;
    public static final int MAX_SKILL = 80;
    public static final int MAX_SKILLS = 50;
    public static final int MAX_INTERESTS = 50;
    public static final int MAX_ENTRIES = 30;
    public static final int MIN_YEAR = 1900;

    public static final String EVERYONE = "EVERYONE";
    public static final String ONLY_ME = "ONLY_ME";
    public static final String FULL = "FULL";
    public static final String NAME_INITIAL = "NAME_INITIAL";

    private UUID id;
    private String firstName;
    private String lastName;
    private String headline;
    private String city;
    private String country;
    private String industry;
    private CareerLevel careerLevel;
    private List<Position> positions = List.of();
    private List<Education> education = List.of();
    private List<String> interests = List.of();
    private final List<String> skills = new ArrayList<>();
    private String connectionsVisibility = EVERYONE;
    private String profileVisibility = FULL;
    private boolean findableByEmail = true;
    private boolean creatorMode;
    private boolean closed;

    private Member() {
    }

    public static String streamId(UUID memberId) {
        return "member-" + memberId;
    }

    /** Sign-up: names are required (at most 50 characters), the headline is optional (at most 220). */
    public static List<TrellisEvent> signUp(UUID memberId, String firstName, String lastName, String headline,
                                            Instant now) {
        String first = trimmed(Text.line("firstName", firstName));
        String last = trimmed(Text.line("lastName", lastName));
        String head = trimmed(Text.line("headline", headline));
        if (first == null || last == null) {
            throw DomainException.rule("name-required", "first and last name are required");
        }
        if (first.length() > MAX_NAME || last.length() > MAX_NAME) {
            throw DomainException.rule("name-too-long", "names are at most " + MAX_NAME + " characters");
        }
        if (head != null && head.length() > MAX_HEADLINE) {
            throw DomainException.rule("headline-too-long", "the headline is at most " + MAX_HEADLINE + " characters");
        }
        return List.of(new ProfileCreated(memberId, first, last, head, now));
    }

    /** The member as its stream tells it. */
    public static Member from(List<? extends TrellisEvent> events) {
        Member m = new Member();
        events.forEach(m::apply);
        if (m.id == null || m.closed) {
            throw DomainException.notFound("member-not-found", "no such member");
        }
        return m;
    }

    /**
     * Closing the account: AccountClosed, once (a member closed already decides nothing more); every other
     * command then finds no such member.
     */
    public static List<TrellisEvent> close(List<? extends TrellisEvent> events, Instant now) {
        Member m = new Member();
        events.forEach(m::apply);
        if (m.id == null) {
            throw DomainException.notFound("member-not-found", "no such member");
        }
        return m.closed ? List.of() : List.of(new AccountClosed(m.id, now));
    }

    private void apply(TrellisEvent e) {
        if (e instanceof AccountClosed) {
            closed = true;
        } else if (e instanceof ProfileCreated c) {
            id = c.memberId();
            firstName = c.firstName();
            lastName = c.lastName();
            headline = c.headline();
        } else if (e instanceof ProfileUpdated u) {
            firstName = u.firstName();
            lastName = u.lastName();
            headline = u.headline();
            city = u.city();
            country = u.country();
            industry = u.industry();
            careerLevel = u.careerLevel() == null ? null : CareerLevel.valueOf(u.careerLevel());
            positions = u.positions() == null ? List.of() : List.copyOf(u.positions());
            education = u.education() == null ? List.of() : List.copyOf(u.education());
            interests = u.interests() == null ? List.of() : List.copyOf(u.interests());
        } else if (e instanceof SkillAdded a) {
            skills.add(a.skill());
        } else if (e instanceof SkillRemoved r) {
            skills.removeIf(s -> s.equalsIgnoreCase(r.skill()));
        } else if (e instanceof PrivacySettingsChanged p) {
            connectionsVisibility = p.connectionsVisibility();
            profileVisibility = p.profileVisibility();
            findableByEmail = p.findableByEmail();
        } else if (e instanceof CreatorModeChanged c) {
            creatorMode = c.enabled();
        }
    }

    /**
     * An edit of the profile: a null field stays as it is; an empty text clears an optional field; an empty list
     * clears a list. {@code skills}, when given, is the whole new list (at most 50, distinct ignoring case).
     */
    public record Edit(String firstName, String lastName, String headline, String city, String country,
                       String industry, String careerLevel, List<Position> positions, List<Education> education,
                       List<String> interests, List<String> skills) {
    }

    /** ProfileUpdated (whole profile + changed fields) if a non-skill field changed, then SkillRemoved / SkillAdded. */
    public List<TrellisEvent> edit(Edit edit, Instant now) {
        int year = now.atZone(ZoneOffset.UTC).getYear();
        String newFirst = edit.firstName() == null ? firstName : required("firstName", edit.firstName(), MAX_NAME);
        String newLast = edit.lastName() == null ? lastName : required("lastName", edit.lastName(), MAX_NAME);
        String newHeadline = edit.headline() == null ? headline : optional("headline", edit.headline(), MAX_HEADLINE);
        String newCity = edit.city() == null ? city : optional("city", edit.city(), MAX_PLACE);
        String newCountry = edit.country() == null ? country : optional("country", edit.country(), MAX_PLACE);
        String newIndustry = edit.industry() == null ? industry : optional("industry", edit.industry(), MAX_PLACE);
        CareerLevel newLevel = careerLevel;
        if (edit.careerLevel() != null) {
            newLevel = edit.careerLevel().isBlank() ? null : CareerLevel.parse("careerLevel", edit.careerLevel());
        }
        List<Position> newPositions = edit.positions() == null ? positions : positions(edit.positions(), year);
        List<Education> newEducation = edit.education() == null ? education : education(edit.education(), year);
        List<String> newInterests = edit.interests() == null ? interests : interests(edit.interests());

        List<String> changed = new ArrayList<>();
        diff(changed, "firstName", firstName, newFirst);
        diff(changed, "lastName", lastName, newLast);
        diff(changed, "headline", headline, newHeadline);
        diff(changed, "city", city, newCity);
        diff(changed, "country", country, newCountry);
        diff(changed, "industry", industry, newIndustry);
        diff(changed, "careerLevel", careerLevel, newLevel);
        diff(changed, "positions", positions, newPositions);
        diff(changed, "education", education, newEducation);
        diff(changed, "interests", interests, newInterests);

        List<TrellisEvent> events = new ArrayList<>();
        if (!changed.isEmpty()) {
            events.add(new ProfileUpdated(id, newFirst, newLast, newHeadline, newCity, newCountry, newIndustry,
                    newLevel == null ? null : newLevel.name(), newPositions, newEducation, newInterests,
                    List.copyOf(changed), now));
        }
        if (edit.skills() != null) {
            List<String> wanted = skills(edit.skills());
            Set<String> wantedKeys = keys(wanted);
            Set<String> haveKeys = keys(skills);
            for (String s : skills) {
                if (!wantedKeys.contains(key(s))) {
                    events.add(new SkillRemoved(id, s, now));
                }
            }
            for (String s : wanted) {
                if (!haveKeys.contains(key(s))) {
                    events.add(new SkillAdded(id, s, now));
                }
            }
        }
        events.forEach(this::apply);
        return events;
    }

    /** Adds one skill; nothing if it is already listed (ignoring case); 422 beyond 50. */
    public List<TrellisEvent> addSkill(String skill, Instant now) {
        String s = skill("skill", skill);
        if (keys(skills).contains(key(s))) {
            return List.of();
        }
        if (skills.size() >= MAX_SKILLS) {
            throw DomainException.rule("too-many-skills", "a profile lists at most " + MAX_SKILLS + " skills");
        }
        List<TrellisEvent> events = List.of(new SkillAdded(id, s, now));
        events.forEach(this::apply);
        return events;
    }

    /** Removes one skill (ignoring case); 404 if it is not listed. */
    public List<TrellisEvent> removeSkill(String skill, Instant now) {
        String k = skill == null ? "" : key(skill.strip());
        String listed = skills.stream().filter(s -> key(s).equals(k)).findFirst()
                .orElseThrow(() -> DomainException.notFound("skill-not-found", "the skill is not on the profile"));
        List<TrellisEvent> events = List.of(new SkillRemoved(id, listed, now));
        events.forEach(this::apply);
        return events;
    }

    /** New privacy settings (a null value keeps the current one); nothing if nothing changes. */
    public List<TrellisEvent> changePrivacy(String connections, String profile, Boolean findable, Instant now) {
        String c = connections == null ? connectionsVisibility : oneOf("connectionsVisibility", connections, EVERYONE, ONLY_ME);
        String p = profile == null ? profileVisibility : oneOf("profileVisibility", profile, FULL, NAME_INITIAL);
        boolean f = findable == null ? findableByEmail : findable;
        if (c.equals(connectionsVisibility) && p.equals(profileVisibility) && f == findableByEmail) {
            return List.of();
        }
        List<TrellisEvent> events = List.of(new PrivacySettingsChanged(id, c, p, f, now));
        events.forEach(this::apply);
        return events;
    }

    /** Creator mode on or off; nothing if it already is. */
    public List<TrellisEvent> creatorMode(boolean enabled, Instant now) {
        if (enabled == creatorMode) {
            return List.of();
        }
        List<TrellisEvent> events = List.of(new CreatorModeChanged(id, enabled, now));
        events.forEach(this::apply);
        return events;
    }

    // --- validation -------------------------------------------------------------------------------------

    private static List<Position> positions(List<Position> given, int year) {
        if (given.size() > MAX_ENTRIES) {
            throw DomainException.invalid("positions", "at most " + MAX_ENTRIES + " positions");
        }
        List<Position> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Position p = given.get(i);
            String f = "positions[" + i + "]";
            if (p == null) {
                throw DomainException.invalid(f, "must not be null");
            }
            String company = required(f + ".company", p.company(), MAX_ENTRY_TEXT);
            String title = required(f + ".title", p.title(), MAX_ENTRY_TEXT);
            years(f, p.fromYear(), p.toYear(), year, year);
            out.add(new Position(company, title, p.fromYear(), p.toYear()));
        }
        return List.copyOf(out);
    }

    private static List<Education> education(List<Education> given, int year) {
        if (given.size() > MAX_ENTRIES) {
            throw DomainException.invalid("education", "at most " + MAX_ENTRIES + " schools");
        }
        List<Education> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Education e = given.get(i);
            String f = "education[" + i + "]";
            if (e == null) {
                throw DomainException.invalid(f, "must not be null");
            }
            String school = required(f + ".school", e.school(), MAX_ENTRY_TEXT);
            String degree = optional(f + ".degree", e.degree(), MAX_ENTRY_TEXT);
            // a student may give the year they expect to graduate
            years(f, e.fromYear(), e.toYear(), year, year + 10);
            out.add(new Education(school, degree, e.fromYear(), e.toYear()));
        }
        return List.copyOf(out);
    }

    private static void years(String field, Integer from, Integer to, int maxFrom, int maxTo) {
        if (from != null && (from < MIN_YEAR || from > maxFrom)) {
            throw DomainException.invalid(field + ".fromYear", "must be between " + MIN_YEAR + " and " + maxFrom);
        }
        if (to != null && (to < MIN_YEAR || to > maxTo)) {
            throw DomainException.invalid(field + ".toYear", "must be between " + MIN_YEAR + " and " + maxTo);
        }
        if (from != null && to != null && to < from) {
            throw DomainException.invalid(field + ".toYear", "must not be before fromYear");
        }
    }

    private static List<String> interests(List<String> given) {
        if (given.size() > MAX_INTERESTS) {
            throw DomainException.invalid("interests", "at most " + MAX_INTERESTS + " interests");
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String s : given) {
            String t = required("interests", s, MAX_ENTRY_TEXT);
            if (seen.add(key(t))) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> skills(List<String> given) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String s : given) {
            String t = skill("skills", s);
            if (!seen.add(key(t))) {
                throw DomainException.rule("duplicate-skill", "the skill '" + t + "' is listed twice");
            }
            out.add(t);
        }
        if (out.size() > MAX_SKILLS) {
            throw DomainException.rule("too-many-skills", "a profile lists at most " + MAX_SKILLS + " skills");
        }
        return out;
    }

    private static String skill(String field, String s) {
        return required(field, s, MAX_SKILL);
    }

    private static String oneOf(String field, String value, String... allowed) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw DomainException.invalid(field, "must be one of " + String.join(", ", allowed));
    }

    private static String required(String field, String value, int max) {
        String t = trimmed(Text.line(field, value));
        if (t == null) {
            throw DomainException.invalid(field, "must not be blank");
        }
        if (t.length() > max) {
            throw DomainException.invalid(field, "at most " + max + " characters");
        }
        return t;
    }

    private static String optional(String field, String value, int max) {
        String t = trimmed(Text.line(field, value));
        if (t != null && t.length() > max) {
            throw DomainException.invalid(field, "at most " + max + " characters");
        }
        return t;
    }

    private static void diff(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    private static Set<String> keys(List<String> list) {
        Set<String> s = new HashSet<>();
        list.forEach(x -> s.add(key(x)));
        return s;
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    // --- state, for the read model -------------------------------------------------------------------------

    public UUID id() {
        return id;
    }

    public List<String> skills() {
        return List.copyOf(skills);
    }

    public boolean findableByEmail() {
        return findableByEmail;
    }
}
