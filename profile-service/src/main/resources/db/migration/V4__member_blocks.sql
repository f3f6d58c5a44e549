-- Projection of MemberBlocked / MemberUnblocked (trellis.connection.events): while a block stands, neither member
-- may follow the other. One row per block (A blocking B and B blocking A are two blocks).
CREATE TABLE member_block (
    blocker_id  UUID NOT NULL,
    blocked_id  UUID NOT NULL,
    blocked_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX member_block_blocked ON member_block (blocked_id, blocker_id);
