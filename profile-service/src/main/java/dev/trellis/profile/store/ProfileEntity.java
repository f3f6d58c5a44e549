package dev.trellis.profile.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.CreatorModeChanged;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.events.profile.ProfileUpdated.Education;
import dev.trellis.events.profile.ProfileUpdated.Position;
import dev.trellis.events.profile.SkillAdded;
import dev.trellis.events.profile.SkillRemoved;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** Read model of a member stream, changed in the same transaction as each append. Lists are JSON text. */
@Entity
@Table(name = "profile")
public class ProfileEntity extends PanacheEntityBase {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Id
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String headline;
    @Column(name = "created_at")
    public Instant createdAt;
    public String city;
    public String country;
    public String industry;
    @Column(name = "career_level")
    public String careerLevel;
    @Column(name = "positions")
    public String positionsJson = "[]";
    @Column(name = "education")
    public String educationJson = "[]";
    @Column(name = "interests")
    public String interestsJson = "[]";
    @Column(name = "skills")
    public String skillsJson = "[]";
    @Column(name = "connections_visibility")
    public String connectionsVisibility = "EVERYONE";
    @Column(name = "profile_visibility")
    public String profileVisibility = "FULL";
    @Column(name = "findable_by_email")
    public boolean findableByEmail = true;
    @Column(name = "creator_mode")
    public boolean creatorMode;
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "search_name")
    public String searchName;
    @Column(name = "search_companies")
    public String searchCompanies = "";
    @Column(name = "search_schools")
    public String searchSchools = "";
    @Column(name = "search_location")
    public String searchLocation = "";

    /** Applies one event of the member's stream. */
    public void apply(TrellisEvent e) {
        if (e instanceof ProfileCreated c) {
            memberId = c.memberId();
            firstName = c.firstName();
            lastName = c.lastName();
            headline = c.headline();
            createdAt = c.createdAt();
        } else if (e instanceof ProfileUpdated u) {
            firstName = u.firstName();
            lastName = u.lastName();
            headline = u.headline();
            city = u.city();
            country = u.country();
            industry = u.industry();
            careerLevel = u.careerLevel();
            positionsJson = write(u.positions() == null ? List.of() : u.positions());
            educationJson = write(u.education() == null ? List.of() : u.education());
            interestsJson = write(u.interests() == null ? List.of() : u.interests());
            updatedAt = u.updatedAt();
        } else if (e instanceof SkillAdded a) {
            List<String> s = new ArrayList<>(skills());
            s.add(a.skill());
            skillsJson = write(s);
        } else if (e instanceof SkillRemoved r) {
            List<String> s = new ArrayList<>(skills());
            s.removeIf(x -> x.equalsIgnoreCase(r.skill()));
            skillsJson = write(s);
        } else if (e instanceof PrivacySettingsChanged p) {
            connectionsVisibility = p.connectionsVisibility();
            profileVisibility = p.profileVisibility();
            findableByEmail = p.findableByEmail();
        } else if (e instanceof CreatorModeChanged c) {
            creatorMode = c.enabled();
        }
        version++;
        searchName = lower(firstName + " " + lastName);
        searchCompanies = positions().stream().map(p -> lower(p.company())).distinct().collect(Collectors.joining(" | "));
        searchSchools = education().stream().map(x -> lower(x.school())).distinct().collect(Collectors.joining(" | "));
        searchLocation = lower((city == null ? "" : city) + (city != null && country != null ? ", " : "")
                + (country == null ? "" : country));
    }

    public List<Position> positions() {
        return read(positionsJson, new TypeReference<>() { });
    }

    public List<Education> education() {
        return read(educationJson, new TypeReference<>() { });
    }

    public List<String> interests() {
        return read(interestsJson, new TypeReference<>() { });
    }

    public List<String> skills() {
        return read(skillsJson, new TypeReference<>() { });
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        try {
            return json == null ? List.of() : JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
