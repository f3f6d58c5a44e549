package dev.trellis.connection.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuggestionRankingTest {
    static final UUID A = new UUID(0, 1), B = new UUID(0, 2), C = new UUID(0, 3), D = new UUID(0, 4);

    static SuggestionRanking.Candidate candidate(UUID id, int mutual, SharedFacts.Builder shared) {
        return new SuggestionRanking.Candidate(id, mutual, shared.build());
    }

    @Test
    void mutual_connections_and_shared_facts_add_up_and_ties_go_to_more_mutuals_then_to_the_lower_id() {
        var ranked = SuggestionRanking.rank(List.of(
                candidate(D, 2, SharedFacts.builder()),                               // 2, two mutuals
                candidate(C, 0, SharedFacts.builder().company("Acme", true)),         // 4
                candidate(B, 1, SharedFacts.builder().company("Initech", false)),     // 4, one mutual
                candidate(A, 0, SharedFacts.builder().group("G1").city("Berlin")),    // 2, no mutuals
                candidate(new UUID(0, 0), 0, SharedFacts.builder().school("MIT"))));  // 2, no mutuals, lowest id
        assertEquals(List.of(B, C, D, new UUID(0, 0), A), ranked.stream().map(SuggestionRanking.Ranked::memberId).toList());
        assertEquals(List.of(4, 4, 2, 2, 2), ranked.stream().map(SuggestionRanking.Ranked::score).toList());
    }

    @Test
    void groups_count_at_most_three_and_schools_two_each() {
        var facts = SharedFacts.builder().group("a").group("b").group("c").group("d").school("MIT").school("ETH");
        assertEquals(3 + 4, SuggestionRanking.score(candidate(A, 0, facts)));
    }

    @Test
    void reasons_read_like_sentences_in_a_fixed_order() {
        var facts = SharedFacts.builder().city("Berlin").group("Kotlin Devs").school("MIT").company("Initech", false)
                .company("Acme", true);
        assertEquals(List.of("12 mutual connections", "also works at Acme", "also worked at Initech",
                        "also studied at MIT", "also a member of Kotlin Devs", "also in Berlin"),
                SuggestionRanking.reasons(candidate(A, 12, facts)));
        assertEquals(List.of("1 mutual connection"), SuggestionRanking.reasons(candidate(A, 1, SharedFacts.builder())));
        assertEquals(List.of(), SuggestionRanking.reasons(candidate(A, 0, SharedFacts.builder())));
    }

    @Test
    void the_lower_member_id_is_the_lower_canonical_lowercase_string_not_the_signed_uuid_order() {
        UUID low = UUID.fromString("1fffffff-0000-0000-0000-000000000000");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000"); // negative most significant half
        UUID higher = UUID.fromString("f0000000-0000-0000-0000-000000000000");
        var ranked = SuggestionRanking.rank(List.of(candidate(higher, 1, SharedFacts.builder()),
                candidate(high, 1, SharedFacts.builder()), candidate(low, 1, SharedFacts.builder())));
        assertEquals(List.of(low, high, higher), ranked.stream().map(SuggestionRanking.Ranked::memberId).toList());
        assertEquals(List.of(low.toString(), high.toString(), higher.toString()),
                ranked.stream().map(r -> r.memberId().toString()).sorted().toList());
    }

    @Test
    void the_list_is_cut_to_its_first_400_by_the_ranking_ties_included() {
        List<SuggestionRanking.Candidate> all = new java.util.ArrayList<>();
        for (int i = 0; i < 450; i++) {
            all.add(candidate(UUID.randomUUID(), 1, SharedFacts.builder()));
        }
        var top = SuggestionRanking.top(all);
        assertEquals(400, top.size());
        assertEquals(all.stream().map(c -> c.memberId().toString()).sorted().limit(400).toList(),
                top.stream().map(r -> r.memberId().toString()).toList());
    }
}
