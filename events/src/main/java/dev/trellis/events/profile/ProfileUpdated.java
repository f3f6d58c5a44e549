package dev.trellis.events.profile;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member edited their profile. The record carries the whole public profile after the change, and
 * {@code changedFields} names what changed (e.g. {@code ["headline", "positions"]}), so a consumer can keep a full
 * copy or react to one field. Skills travel as {@link SkillAdded} / {@link SkillRemoved}. Key: memberId.
 *
 * @param careerLevel STUDENT, RECENT_GRADUATE, YOUNG_PROFESSIONAL, ESTABLISHED_PROFESSIONAL or EXECUTIVE; null if not given
 */
public record ProfileUpdated(UUID memberId, @Personal(of = "memberId", placeholder = "Deleted member") String firstName, @Personal(of = "memberId", placeholder = "") String lastName, @Personal(of = "memberId") String headline, @Personal(of = "memberId") String city,
                             String country, String industry, String careerLevel, @Personal(of = "memberId") List<Position> positions,
                             @Personal(of = "memberId") List<Education> education, @Personal(of = "memberId") List<String> interests, List<String> changedFields,
                             Instant updatedAt) implements TrellisEvent {

    /** A position held; {@code toYear} null means current. */
    public record Position(String company, String title, Integer fromYear, Integer toYear) {
    }

    /** A school attended. */
    public record Education(String school, String degree, Integer fromYear, Integer toYear) {
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
