package dev.trellis.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "profile")
public class ProfileEntity extends PanacheEntityBase {
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
}
