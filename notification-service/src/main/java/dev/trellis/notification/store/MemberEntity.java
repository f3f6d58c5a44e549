package dev.trellis.notification.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** Projection of profile events: names and headlines, to render notifications and prompts at read time. */
@Entity
@Table(name = "member")
public class MemberEntity extends PanacheEntityBase {
    @Id
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String headline;
    /** The company of the current position (ProfileUpdated), null if none. */
    public String company;
    /** FULL or NAME_INITIAL (PrivacySettingsChanged): how the name is shown out of network. */
    @Column(name = "profile_visibility")
    public String profileVisibility = "FULL";
}
