package dev.trellis.recommendation.store;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.IntroductionDeclined;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.events.recommendation.IntroductionRequested;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Read model of one introduction stream. */
@Entity
@Table(name = "introduction")
public class IntroductionEntity extends PanacheEntityBase {
    @Id
    @Column(name = "introduction_id")
    public UUID introductionId;
    @Column(name = "requester_id")
    public UUID requesterId;
    @Column(name = "introducer_id")
    public UUID introducerId;
    @Column(name = "target_id")
    public UUID targetId;
    public String note;
    public String status;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "decided_at")
    public Instant decidedAt;

    public void apply(TrellisEvent e) {
        if (e instanceof IntroductionRequested r) {
            introductionId = r.introductionId();
            requesterId = r.requesterId();
            introducerId = r.introducerId();
            targetId = r.targetId();
            note = r.note();
            status = "REQUESTED";
            requestedAt = r.requestedAt();
        } else if (e instanceof IntroductionForwarded f) {
            status = "FORWARDED";
            decidedAt = f.forwardedAt();
        } else if (e instanceof IntroductionDeclined d) {
            status = "DECLINED";
            decidedAt = d.declinedAt();
        }
    }
}
