-- Issue 7: identity (refresh tokens, log-in throttle, e-mail HMAC for contacts import), the full profile,
-- privacy, follows, groups, and projections of connection and invitation events.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Contacts import matches uploads by HMAC-SHA256(key, lower(trim(email))), hex; never by the address itself.
ALTER TABLE credential ADD COLUMN email_hmac TEXT;
UPDATE credential SET email_hmac = encode(hmac(lower(btrim(email)), '${email_hmac_key}', 'sha256'), 'hex');
ALTER TABLE credential ALTER COLUMN email_hmac SET NOT NULL;
CREATE INDEX credential_email_hmac ON credential (email_hmac);

-- Refresh tokens: opaque, stored as SHA-256 only, rotated on use, revoked on log-out and password change.
CREATE TABLE refresh_token (
    token_hash   TEXT PRIMARY KEY,
    member_id    UUID NOT NULL,
    issued_at    TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX refresh_token_member ON refresh_token (member_id);

-- Failed log-ins per e-mail (keyed by the e-mail HMAC, so addresses of non-members are not stored).
CREATE TABLE login_throttle (
    email_key       TEXT PRIMARY KEY,
    failures        INT NOT NULL,
    window_start    TIMESTAMPTZ NOT NULL,
    locked_until    TIMESTAMPTZ
);

-- The full profile (read model of the member stream, same transaction as the append).
ALTER TABLE profile
    ADD COLUMN city                    TEXT,
    ADD COLUMN country                 TEXT,
    ADD COLUMN industry                TEXT,
    ADD COLUMN career_level            TEXT,
    ADD COLUMN positions               TEXT NOT NULL DEFAULT '[]',
    ADD COLUMN education               TEXT NOT NULL DEFAULT '[]',
    ADD COLUMN interests               TEXT NOT NULL DEFAULT '[]',
    ADD COLUMN skills                  TEXT NOT NULL DEFAULT '[]',
    ADD COLUMN connections_visibility  TEXT NOT NULL DEFAULT 'EVERYONE',
    ADD COLUMN profile_visibility      TEXT NOT NULL DEFAULT 'FULL',
    ADD COLUMN findable_by_email       BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN creator_mode            BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN version                 BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN updated_at              TIMESTAMPTZ,
    -- search columns (lower case): "first last", companies and schools joined by ' | ', "city, country"
    ADD COLUMN search_name             TEXT,
    ADD COLUMN search_companies        TEXT NOT NULL DEFAULT '',
    ADD COLUMN search_schools          TEXT NOT NULL DEFAULT '',
    ADD COLUMN search_location         TEXT NOT NULL DEFAULT '';
UPDATE profile SET search_name = lower(first_name || ' ' || last_name);
ALTER TABLE profile ALTER COLUMN search_name SET NOT NULL;
CREATE INDEX profile_search_name ON profile USING gin (search_name gin_trgm_ops);
CREATE INDEX profile_search_companies ON profile USING gin (search_companies gin_trgm_ops);
CREATE INDEX profile_search_schools ON profile USING gin (search_schools gin_trgm_ops);
CREATE INDEX profile_search_location ON profile USING gin (search_location gin_trgm_ops);

-- Follows (read model of the follow streams): one row per follower -> followee.
CREATE TABLE follow (
    follower_id  UUID NOT NULL,
    followee_id  UUID NOT NULL,
    followed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follow_followee ON follow (followee_id, followed_at DESC);

-- Groups (read model of the group streams).
CREATE TABLE member_group (
    group_id      UUID PRIMARY KEY,
    name          TEXT NOT NULL,
    description   TEXT,
    owner_id      UUID NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    member_count  INT NOT NULL DEFAULT 0,
    version       BIGINT NOT NULL
);
CREATE INDEX member_group_name ON member_group USING gin (lower(name) gin_trgm_ops);
CREATE TABLE group_membership (
    group_id   UUID NOT NULL,
    member_id  UUID NOT NULL,
    joined_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX group_membership_member ON group_membership (member_id);

-- Projection of connection events: 1st-degree connections, one row per direction.
CREATE TABLE member_connection (
    member_id     UUID NOT NULL,
    other_id      UUID NOT NULL,
    connected_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, other_id)
);

-- Projection of invitation events: who invited whom and how it ended (pending marks, acceptance rate).
CREATE TABLE invitation (
    invitation_id  UUID PRIMARY KEY,
    from_member    UUID NOT NULL,
    to_member      UUID NOT NULL,
    status         TEXT NOT NULL,
    sent_at        TIMESTAMPTZ NOT NULL,
    mutual         BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX invitation_from ON invitation (from_member, to_member);
CREATE INDEX invitation_to ON invitation (to_member, from_member);
