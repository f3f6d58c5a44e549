-- Read model of the invitation streams, updated in the same transaction as the append.
CREATE TABLE invitation (
    invitation_id  UUID PRIMARY KEY,
    from_member    UUID NOT NULL,
    to_member      UUID NOT NULL,
    note           TEXT,
    status         TEXT NOT NULL,
    sent_at        TIMESTAMPTZ NOT NULL,
    answered_at    TIMESTAMPTZ,
    version        BIGINT NOT NULL
);
-- At most one pending invitation per ordered pair: the database settles concurrent duplicates.
CREATE UNIQUE INDEX invitation_one_pending ON invitation (from_member, to_member) WHERE status IN ('PENDING', 'IGNORED');
CREATE INDEX invitation_to ON invitation (to_member, sent_at DESC);
CREATE INDEX invitation_from ON invitation (from_member, sent_at DESC);

-- Projection of profile events: who exists (and their names, for templates later).
CREATE TABLE member (
    member_id   UUID PRIMARY KEY,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL
);
