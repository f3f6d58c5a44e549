-- Who blocked whom (one row per blocker). Read model of MemberBlocked / MemberUnblocked, same transaction.
CREATE TABLE member_block (
    blocker_id  UUID NOT NULL,
    blocked_id  UUID NOT NULL,
    blocked_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
