-- Members who closed their account (AccountClosed): only the id, no personal data, so that an event about them
-- that comes later on another topic (a forwarded introduction) keeps nothing.
CREATE TABLE closed_member (
    member_id  UUID PRIMARY KEY,
    closed_at  TIMESTAMPTZ NOT NULL
);
