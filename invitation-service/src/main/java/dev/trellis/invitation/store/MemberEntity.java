package dev.trellis.invitation.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** Projection of profile events: the members that exist, with what invitations show of them. */
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
    /** FULL or NAME_INITIAL (PrivacySettingsChanged): how the name shows to members who are not connections. */
    @Column(name = "profile_visibility")
    public String profileVisibility;
}
