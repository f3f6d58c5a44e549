package dev.trellis.recommendation.store;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.EndorsementHidden;
import dev.trellis.events.recommendation.EndorsementWithdrawn;
import dev.trellis.events.recommendation.SkillEndorsed;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Read model of one endorsement stream. */
@Entity
@Table(name = "endorsement")
public class EndorsementEntity extends PanacheEntityBase {
    @Id
    @Column(name = "endorsement_id")
    public UUID endorsementId;
    @Column(name = "endorser_id")
    public UUID endorserId;
    @Column(name = "member_id")
    public UUID memberId;
    public String skill;
    @Column(name = "skill_key")
    public String skillKey;
    public String status;
    @Column(name = "endorsed_at")
    public Instant endorsedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** How skills are matched: trimmed, ignoring case. */
    public static String key(String skill) {
        return skill == null ? null : skill.strip().toLowerCase(Locale.ROOT);
    }

    public void apply(TrellisEvent e) {
        if (e instanceof SkillEndorsed s) {
            endorsementId = s.endorsementId();
            endorserId = s.endorserId();
            memberId = s.memberId();
            skill = s.skill();
            skillKey = key(s.skill());
            status = "ACTIVE";
            endorsedAt = s.endorsedAt();
            updatedAt = s.endorsedAt();
        } else if (e instanceof EndorsementHidden h) {
            status = "HIDDEN";
            updatedAt = h.hiddenAt();
        } else if (e instanceof EndorsementWithdrawn w) {
            status = "WITHDRAWN";
            updatedAt = w.withdrawnAt();
        }
    }
}
