-- Members who closed their account (AccountClosed): only the id, no personal data. Nothing about them is written
-- again (a later invitation event or acceptance involving them makes no row and no edge), so the outcome does not
-- depend on the order in which a rebuild reads the profile and invitation topics.
CREATE TABLE closed_member (
    member_id  UUID PRIMARY KEY,
    closed_at  TIMESTAMPTZ NOT NULL
);
