package dev.trellis.recommendation.application;

import dev.trellis.events.profile.AccountClosed;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import dev.trellis.recommendation.store.MemberDirectory;
import dev.trellis.recommendation.store.RecommendationQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A member closed their account (AccountClosed, profile events), in the consumer's transaction: their
 * recommendations, endorsements and open introductions are withdrawn or declined through their aggregates (events
 * on the recommendation topic), then the read models forget their texts and their profile. Applying it twice
 * changes nothing the second time: nothing is open any more and nothing is left to erase.
 */
@ApplicationScoped
public class AccountClosure {
    private final RecommendationService recommendations;
    private final EndorsementService endorsements;
    private final IntroductionService introductions;
    private final RecommendationQueries queries;
    private final MemberDirectory directory;
    private final FirstDegreeRepository firstDegree;

    public AccountClosure(RecommendationService recommendations, EndorsementService endorsements,
                          IntroductionService introductions, RecommendationQueries queries, MemberDirectory directory,
                          FirstDegreeRepository firstDegree) {
        this.recommendations = recommendations;
        this.endorsements = endorsements;
        this.introductions = introductions;
        this.queries = queries;
        this.directory = directory;
        this.firstDegree = firstDegree;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onAccountClosed(AccountClosed closed) {
        recommendations.withdrawInvolving(closed.memberId(), closed.closedAt());
        endorsements.withdrawInvolving(closed.memberId(), closed.closedAt());
        introductions.closeInvolving(closed.memberId(), closed.closedAt());
        queries.forgetTexts(closed.memberId());
        directory.forget(closed.memberId());
        firstDegree.forget(closed.memberId());
    }
}
