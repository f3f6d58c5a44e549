-- How a member's name is shown to out-of-network viewers (PrivacySettingsChanged): FULL or NAME_INITIAL
-- (first name and last initial only, nothing else of the profile; see platform NameVisibility).
ALTER TABLE member ADD COLUMN profile_visibility TEXT NOT NULL DEFAULT 'FULL';

-- Short-lived, single-use tickets to open a badge stream (GET /badges/stream?ticket=) without putting the access
-- token in a URL. Only the SHA-256 of the ticket is kept. Bound to the member, the token's session and expiry.
CREATE TABLE stream_ticket (
    ticket_hash       TEXT PRIMARY KEY,
    member_id         UUID NOT NULL,
    session_id        TEXT,
    token_expires_at  TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX stream_ticket_expiry ON stream_ticket (expires_at);

-- The follow-up sweep pages by (connected_at, member_a, member_b).
DROP INDEX connection_follow_up;
CREATE INDEX connection_follow_up ON connection (connected_at, member_a, member_b) WHERE NOT follow_up_done AND removed_at IS NULL;
