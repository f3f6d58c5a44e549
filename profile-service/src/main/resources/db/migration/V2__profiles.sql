-- Credentials: private, never published. One row per member.
CREATE TABLE credential (
    member_id      UUID PRIMARY KEY,
    email          TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX credential_email ON credential (lower(email));

-- Read model of the member streams, updated in the same transaction as the append.
CREATE TABLE profile (
    member_id   UUID PRIMARY KEY,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL,
    headline    TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
