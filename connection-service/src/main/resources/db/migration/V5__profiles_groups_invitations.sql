-- What connection-service learns from profile events to rank suggestions, explain "how you are connected",
-- filter connection lists and respect the owner's privacy.
ALTER TABLE member ADD COLUMN city TEXT;
ALTER TABLE member ADD COLUMN country TEXT;
ALTER TABLE member ADD COLUMN industry TEXT;
-- "Show my connections": EVERYONE or ONLY_ME (mutual connections stay visible to the viewer).
ALTER TABLE member ADD COLUMN connections_visibility TEXT NOT NULL DEFAULT 'EVERYONE';

-- Companies (from positions) and schools (from education) on a member's profile; name_key is the
-- case- and space-insensitive form two members must share.
CREATE TABLE member_org (
    member_id  UUID NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('company', 'school')),
    name_key   TEXT NOT NULL,
    name       TEXT NOT NULL,
    current    BOOLEAN NOT NULL,
    PRIMARY KEY (member_id, kind, name_key)
);
CREATE INDEX member_org_by_name ON member_org (kind, name_key);

CREATE TABLE member_group (
    group_id   UUID NOT NULL,
    member_id  UUID NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX member_group_by_member ON member_group (member_id);

CREATE TABLE group_info (
    group_id  UUID PRIMARY KEY,
    name      TEXT NOT NULL
);

-- Invitations between members, from invitation events: pending (and ignored or declined) ones keep the two
-- out of each other's suggestions; accepted ones give a connection its relationship context.
CREATE TABLE invitation_pair (
    invitation_id  UUID PRIMARY KEY,
    from_id        UUID NOT NULL,
    to_id          UUID NOT NULL,
    relationship   TEXT,
    context        TEXT,
    state          TEXT NOT NULL
);
CREATE INDEX invitation_pair_from ON invitation_pair (from_id);
CREATE INDEX invitation_pair_to ON invitation_pair (to_id);
