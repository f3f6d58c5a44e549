-- The key vault of crypto-shredding (docs/architecture.md, "Erasure"): one AES-256 key per member. Every
-- service encrypts the personal fields of the events it writes with the keys of the members they concern, and
-- reads them back with the same keys. Closing an account sets secret to NULL and erased_at: from then on every
-- copy of those fields, in every event store and on every topic, is unreadable, and no new key is ever made for
-- the member (a writer drops the value instead).
CREATE TABLE IF NOT EXISTS member_key (
    member_id  uuid        PRIMARY KEY,
    secret     bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    erased_at  timestamptz,
    CONSTRAINT member_key_secret_or_erased CHECK ((secret IS NULL) = (erased_at IS NOT NULL))
);
