package dev.trellis.profile.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.CreatorModeChanged;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.events.profile.ProfileUpdated.Education;
import dev.trellis.events.profile.ProfileUpdated.Position;
import dev.trellis.events.profile.SkillAdded;
import dev.trellis.events.profile.SkillRemoved;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given the member's events, when a command, then events or a refusal. */
class MemberTest {
    static final UUID ID = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final ProfileCreated CREATED = new ProfileCreated(ID, "Olivia", "Taylor", "Designer", T);

    static Member given(TrellisEvent... events) {
        List<TrellisEvent> all = new ArrayList<>();
        all.add(CREATED);
        all.addAll(List.of(events));
        return Member.from(all);
    }

    @Test
    void sign_up_trims_names_and_drops_an_empty_headline() {
        assertEquals(List.of(new ProfileCreated(ID, "Olivia", "Taylor", null, T)),
                Member.signUp(ID, " Olivia ", "Taylor ", "  ", T));
    }

    @Test
    void names_are_required_and_bounded() {
        assertEquals("name-required",
                assertThrows(DomainException.class, () -> Member.signUp(ID, " ", "Taylor", null, T)).reason());
        assertEquals("name-too-long",
                assertThrows(DomainException.class, () -> Member.signUp(ID, "x".repeat(51), "Taylor", null, T)).reason());
    }

    @Test
    void an_edit_publishes_the_whole_profile_and_names_the_changed_fields() {
        List<TrellisEvent> events = given().edit(new Member.Edit(null, null, " Lead designer ", "Leeds", "UK", null,
                "young-professional", List.of(new Position(" Acme ", "Designer", 2020, null)), null, null, null), T);
        assertEquals(List.of(new ProfileUpdated(ID, "Olivia", "Taylor", "Lead designer", "Leeds", "UK", null,
                "YOUNG_PROFESSIONAL", List.of(new Position("Acme", "Designer", 2020, null)), List.of(), List.of(),
                List.of("headline", "city", "country", "careerLevel", "positions"), T)), events);
    }

    @Test
    void an_edit_that_changes_nothing_publishes_nothing() {
        Member m = given(new ProfileUpdated(ID, "Olivia", "Taylor", "Designer", "Leeds", null, null, null, List.of(),
                List.of(), List.of(), List.of("city"), T));
        assertEquals(List.of(), m.edit(new Member.Edit("Olivia", null, "Designer", " Leeds ", null, null, null, null,
                null, null, null), T));
    }

    @Test
    void an_empty_text_clears_an_optional_field_but_not_a_name() {
        List<TrellisEvent> events = given().edit(new Member.Edit(null, null, "", null, null, null, null, null, null,
                null, null), T);
        assertEquals(List.of("headline"), ((ProfileUpdated) events.get(0)).changedFields());
        assertEquals(null, ((ProfileUpdated) events.get(0)).headline());
        DomainException e = assertThrows(DomainException.class, () -> given().edit(new Member.Edit(null, " ", null,
                null, null, null, null, null, null, null, null), T));
        assertEquals("lastName", e.field());
    }

    @Test
    void skills_are_diffed_into_added_and_removed_ignoring_case() {
        Member m = given(new SkillAdded(ID, "Java", T), new SkillAdded(ID, "SQL", T));
        List<TrellisEvent> events = m.edit(new Member.Edit(null, null, null, null, null, null, null, null, null, null,
                List.of("java", "Kafka")), T);
        assertEquals(List.of(new SkillRemoved(ID, "SQL", T), new SkillAdded(ID, "Kafka", T)), events);
    }

    @Test
    void skills_are_at_most_fifty_and_distinct() {
        List<String> fiftyOne = IntStream.range(0, 51).mapToObj(i -> "skill " + i).toList();
        assertEquals("too-many-skills", assertThrows(DomainException.class, () -> given().edit(new Member.Edit(null,
                null, null, null, null, null, null, null, null, null, fiftyOne), T)).reason());
        assertEquals("duplicate-skill", assertThrows(DomainException.class, () -> given().edit(new Member.Edit(null,
                null, null, null, null, null, null, null, null, null, List.of("Java", " JAVA ")), T)).reason());
        Member full = given(IntStream.range(0, 50).mapToObj(i -> (TrellisEvent) new SkillAdded(ID, "s" + i, T))
                .toArray(TrellisEvent[]::new));
        assertEquals("too-many-skills", assertThrows(DomainException.class, () -> full.addSkill("one more", T)).reason());
        assertEquals(List.of(), full.addSkill("S1", T), "already listed");
    }

    @Test
    void removing_a_skill_that_is_not_listed_is_not_found() {
        Member m = given(new SkillAdded(ID, "Java", T));
        assertEquals(List.of(new SkillRemoved(ID, "Java", T)), m.removeSkill("JAVA", T));
        assertEquals("skill-not-found", assertThrows(DomainException.class, () -> m.removeSkill("Java", T)).reason());
    }

    @Test
    void years_must_be_sane() {
        DomainException backwards = assertThrows(DomainException.class, () -> given().edit(new Member.Edit(null, null,
                null, null, null, null, null, List.of(new Position("Acme", "Dev", 2020, 2019)), null, null, null), T));
        assertEquals("positions[0].toYear", backwards.field());
        DomainException future = assertThrows(DomainException.class, () -> given().edit(new Member.Edit(null, null,
                null, null, null, null, null, List.of(new Position("Acme", "Dev", 2030, null)), null, null, null), T));
        assertEquals("positions[0].fromYear", future.field());
        DomainException ancient = assertThrows(DomainException.class, () -> given().edit(new Member.Edit(null, null,
                null, null, null, null, null, null, List.of(new Education("Leeds", "BA", 1850, 1853)), null, null), T));
        assertEquals("education[0].fromYear", ancient.field());
        // a student may give the year they expect to graduate
        List<TrellisEvent> ok = given().edit(new Member.Edit(null, null, null, null, null, null, "STUDENT", null,
                List.of(new Education("Leeds", null, 2025, 2029)), null, null), T);
        assertEquals(1, ok.size());
    }

    @Test
    void an_unknown_career_level_is_refused_naming_the_field() {
        DomainException e = assertThrows(DomainException.class, () -> given().edit(new Member.Edit(null, null, null,
                null, null, null, "wizard", null, null, null, null), T));
        assertEquals("careerLevel", e.field());
    }

    @Test
    void privacy_changes_only_when_something_changes() {
        Member m = given();
        assertEquals(List.of(), m.changePrivacy("everyone", "full", true, T));
        assertEquals(List.of(new PrivacySettingsChanged(ID, "ONLY_ME", "FULL", false, T)),
                m.changePrivacy("only_me", null, false, T));
        assertTrue(!m.findableByEmail());
        assertEquals("profileVisibility", assertThrows(DomainException.class,
                () -> m.changePrivacy(null, "hidden", null, T)).field());
    }

    @Test
    void creator_mode_toggles_once() {
        Member m = given();
        assertEquals(List.of(new CreatorModeChanged(ID, true, T)), m.creatorMode(true, T));
        assertEquals(List.of(), m.creatorMode(true, T));
        assertEquals(List.of(new CreatorModeChanged(ID, false, T)), m.creatorMode(false, T));
    }

    @Test
    void a_stream_without_a_sign_up_is_no_member() {
        assertEquals("member-not-found", assertThrows(DomainException.class, () -> Member.from(List.of())).reason());
    }

    @Test
    void texts_with_control_characters_are_refused_naming_the_field() {
        assertEquals("firstName", assertThrows(DomainException.class,
                () -> Member.signUp(UUID.randomUUID(), "A\u0000", "B", null, Instant.now())).field());
        Member m = Member.from(Member.signUp(UUID.randomUUID(), "Ann", "Bee", null, Instant.now()));
        assertEquals("headline", assertThrows(DomainException.class, () -> m.edit(new Member.Edit(null, null,
                "two\nlines", null, null, null, null, null, null, null, null), Instant.now())).field());
        assertEquals("skill", assertThrows(DomainException.class, () -> m.addSkill("S\u0007", Instant.now())).field());
        assertEquals("name", assertThrows(DomainException.class,
                () -> Group.create(UUID.randomUUID(), UUID.randomUUID(), "G\u0000", null, Instant.now())).field());
        assertEquals(1, Group.create(UUID.randomUUID(), UUID.randomUUID(), "G", "line one\nline two", Instant.now())
                .stream().filter(e -> e instanceof dev.trellis.events.profile.GroupCreated).count());
    }

    @Test
    void closing_the_account_decides_account_closed_once_and_then_the_member_is_gone() {
        assertEquals(List.of(new dev.trellis.events.profile.AccountClosed(ID, T)),
                Member.close(List.of(CREATED), T));
        List<TrellisEvent> closed = List.of(CREATED, new dev.trellis.events.profile.AccountClosed(ID, T));
        assertEquals(List.of(), Member.close(closed, T.plusSeconds(1)));
        assertEquals("member-not-found", assertThrows(DomainException.class, () -> Member.from(closed)).reason());
        assertEquals("member-not-found", assertThrows(DomainException.class, () -> Member.close(List.of(), T)).reason());
    }
}
