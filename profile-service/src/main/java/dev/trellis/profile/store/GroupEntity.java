package dev.trellis.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Read model of a group stream. */
@Entity
@Table(name = "member_group")
public class GroupEntity extends PanacheEntityBase {
    @Id
    @Column(name = "group_id")
    public UUID groupId;
    public String name;
    public String description;
    @Column(name = "owner_id")
    public UUID ownerId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "member_count")
    public int memberCount;
    public long version;
}
