-- Members who closed their account (AccountClosed): only the id. Nothing about them is written again (a
-- notification, prompt, invitation state, connection or block involving them that an event brings later, or a
-- rebuild brings in another order), and conversations show them as a deleted member.
CREATE TABLE closed_member (
    member_id  UUID PRIMARY KEY,
    closed_at  TIMESTAMPTZ NOT NULL
);
-- The text of a message whose sender closed their account is erased (NULL: shown as deleted).
ALTER TABLE message ALTER COLUMN text DROP NOT NULL;
