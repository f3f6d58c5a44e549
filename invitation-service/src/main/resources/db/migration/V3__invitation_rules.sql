-- Invitations, complete: how they know each other, expiry and reminders, "I don't know this person".
ALTER TABLE invitation ADD COLUMN relationship TEXT;
ALTER TABLE invitation ADD COLUMN context TEXT;
ALTER TABLE invitation ADD COLUMN template_id TEXT;
ALTER TABLE invitation ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE invitation ADD COLUMN reminders_sent INT NOT NULL DEFAULT 0;
ALTER TABLE invitation ADD COLUMN declined_as_unknown_at TIMESTAMPTZ;
ALTER TABLE invitation ADD COLUMN mutual BOOLEAN NOT NULL DEFAULT false;
-- when the sweeper next has something to do for this invitation (a reminder or the expiry); NULL = nothing
ALTER TABLE invitation ADD COLUMN next_due_at TIMESTAMPTZ;

DROP INDEX invitation_one_pending;
CREATE UNIQUE INDEX invitation_one_open ON invitation (from_member, to_member)
    WHERE status IN ('PENDING', 'IGNORED', 'DECLINED_AS_UNKNOWN');
CREATE INDEX invitation_due ON invitation (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX invitation_pair ON invitation (from_member, to_member);

ALTER TABLE member ADD COLUMN headline TEXT;

-- Projection of connection events: who is connected (one row per direction) and who blocked whom.
CREATE TABLE connection_pair (
    member_id  UUID NOT NULL,
    other_id   UUID NOT NULL,
    PRIMARY KEY (member_id, other_id)
);
CREATE TABLE member_block (
    blocker_id  UUID NOT NULL,
    blocked_id  UUID NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
