package dev.trellis.recommendation.domain;

/** Where a recommendation stands. REJECTED and WITHDRAWN are terminal. */
public enum RecommendationStatus {
    /** asked for, not written yet */
    REQUESTED,
    /** written (version N), waiting for the recipient's decision; not public */
    WRITTEN,
    /** the recipient asked the author for a new version */
    REVISION_REQUESTED,
    /** accepted: on the public profile unless hidden */
    ACCEPTED,
    /** rejected by the recipient: never shown */
    REJECTED,
    /** withdrawn by the author or because the connection was removed: gone from every view */
    WITHDRAWN;

    public boolean terminal() {
        return this == REJECTED || this == WITHDRAWN;
    }
}
