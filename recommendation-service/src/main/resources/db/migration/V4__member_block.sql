-- Projection of MemberBlocked / MemberUnblocked: nobody is introduced across a block (one row per blocker).
CREATE TABLE member_block (
    blocker_id  UUID NOT NULL,
    blocked_id  UUID NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
