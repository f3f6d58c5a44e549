-- Recommendations, complete: requests, versions, the recipient's decision, hide/show, withdrawal.
ALTER TABLE recommendation ALTER COLUMN relationship DROP NOT NULL;
ALTER TABLE recommendation ALTER COLUMN text DROP NOT NULL;
ALTER TABLE recommendation ALTER COLUMN written_at DROP NOT NULL;
ALTER TABLE recommendation ADD COLUMN status TEXT NOT NULL DEFAULT 'WRITTEN';
ALTER TABLE recommendation ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE recommendation ADD COLUMN position TEXT;
-- the text version (1, 2, ... after revision requests)
ALTER TABLE recommendation ADD COLUMN version INT NOT NULL DEFAULT 1;
ALTER TABLE recommendation ADD COLUMN request_message TEXT;
ALTER TABLE recommendation ADD COLUMN revision_message TEXT;
ALTER TABLE recommendation ADD COLUMN requested_at TIMESTAMPTZ;
ALTER TABLE recommendation ADD COLUMN accepted_at TIMESTAMPTZ;
ALTER TABLE recommendation ADD COLUMN closed_at TIMESTAMPTZ;
ALTER TABLE recommendation ADD COLUMN withdraw_reason TEXT;
ALTER TABLE recommendation ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE recommendation SET updated_at = written_at;
ALTER TABLE recommendation ALTER COLUMN updated_at SET NOT NULL;
-- the first relationship values, in the new vocabulary
UPDATE recommendation SET relationship = CASE relationship
    WHEN 'manager' THEN 'MANAGED_DIRECTLY' WHEN 'report' THEN 'REPORTED_TO' WHEN 'colleague' THEN 'WORKED_WITH'
    WHEN 'client' THEN 'CLIENT_OF' WHEN 'partner' THEN 'PARTNER_OF' WHEN 'classmate' THEN 'STUDIED_WITH'
    WHEN 'teacher' THEN 'TAUGHT' WHEN 'mentor' THEN 'MENTORED' ELSE relationship END;
CREATE INDEX recommendation_pair ON recommendation (author_id, recipient_id);
CREATE INDEX recommendation_author ON recommendation (author_id, updated_at DESC);

-- Every version of the text (history kept across revision requests).
CREATE TABLE recommendation_version (
    recommendation_id  UUID NOT NULL,
    version            INT NOT NULL,
    relationship       TEXT NOT NULL,
    position           TEXT,
    text               TEXT NOT NULL,
    written_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (recommendation_id, version)
);
INSERT INTO recommendation_version (recommendation_id, version, relationship, position, text, written_at)
    SELECT recommendation_id, 1, relationship, NULL, text, written_at FROM recommendation WHERE text IS NOT NULL;

-- Projection of profile events: names (public views, templates) and the skills members list (endorsements).
CREATE TABLE member_profile (
    member_id   UUID PRIMARY KEY,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL,
    headline    TEXT
);
CREATE TABLE member_skill (
    member_id  UUID NOT NULL,
    skill_key  TEXT NOT NULL,
    skill      TEXT NOT NULL,
    PRIMARY KEY (member_id, skill_key)
);

-- Read model of the endorsement streams. One live endorsement per skill per endorser: the database settles races.
CREATE TABLE endorsement (
    endorsement_id  UUID PRIMARY KEY,
    endorser_id     UUID NOT NULL,
    member_id       UUID NOT NULL,
    skill           TEXT NOT NULL,
    skill_key       TEXT NOT NULL,
    status          TEXT NOT NULL,
    endorsed_at     TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX endorsement_one_live ON endorsement (endorser_id, member_id, skill_key) WHERE status IN ('ACTIVE', 'HIDDEN');
CREATE INDEX endorsement_member ON endorsement (member_id, skill_key, status);

-- Read model of the introduction streams. One open request per requester and target.
CREATE TABLE introduction (
    introduction_id  UUID PRIMARY KEY,
    requester_id     UUID NOT NULL,
    introducer_id    UUID NOT NULL,
    target_id        UUID NOT NULL,
    note             TEXT NOT NULL,
    status           TEXT NOT NULL,
    requested_at     TIMESTAMPTZ NOT NULL,
    decided_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX introduction_one_open ON introduction (requester_id, target_id) WHERE status = 'REQUESTED';
CREATE INDEX introduction_introducer ON introduction (introducer_id, requested_at DESC);
CREATE INDEX introduction_requester ON introduction (requester_id, requested_at DESC);
CREATE INDEX introduction_target ON introduction (target_id, requested_at DESC);
