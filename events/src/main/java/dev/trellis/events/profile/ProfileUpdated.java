package dev.trellis.events.profile;

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
public record ProfileUpdated(UUID memberId, String firstName, String lastName, String headline, String city,
                             String country, String industry, String careerLevel, List<Position> positions,
                             List<Education> education, List<String> interests, List<String> changedFields,
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
