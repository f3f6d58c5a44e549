-- Projection of profile events: names and headlines, used to render texts at read time.
CREATE TABLE member (
    member_id   UUID PRIMARY KEY,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL,
    headline    TEXT
);

-- What this service knows about each invitation, whatever order its events arrived in. A row is also the
-- tombstone that keeps a late InvitationSent of a withdrawn or answered invitation from counting again.
CREATE TABLE invitation_state (
    invitation_id  UUID PRIMARY KEY,
    from_member    UUID NOT NULL,
    to_member      UUID NOT NULL,
    outcome        TEXT NOT NULL,              -- PENDING, ACCEPTED, IGNORED, WITHDRAWN
    sent_applied   BOOLEAN NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- One row per notification of a member. seq orders arrivals: "seen up to seq N" never hides a later arrival.
-- Texts are not stored: they are rendered at read time from the actor's current name.
CREATE TABLE notification (
    seq                BIGSERIAL PRIMARY KEY,
    notification_id    UUID NOT NULL UNIQUE,
    recipient          UUID NOT NULL,
    kind               TEXT NOT NULL,
    category           TEXT NOT NULL,          -- MY_NETWORK, NOTIFICATIONS
    actor              UUID,
    note               TEXT,
    invitation_id      UUID,
    recommendation_id  UUID,
    seen               BOOLEAN NOT NULL DEFAULT FALSE,
    read               BOOLEAN NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ NOT NULL
);
-- At most one notification of a kind per invitation / recommendation and recipient, whatever the redeliveries.
CREATE UNIQUE INDEX notification_one_per_invitation ON notification (recipient, kind, invitation_id)
    WHERE invitation_id IS NOT NULL;
CREATE UNIQUE INDEX notification_one_per_recommendation ON notification (recipient, kind, recommendation_id)
    WHERE recommendation_id IS NOT NULL;
CREATE INDEX notification_list ON notification (recipient, created_at DESC, seq DESC);
CREATE INDEX notification_unseen ON notification (recipient, category, seq) WHERE NOT seen;

-- Suggested next steps ("send a welcome message"), pending until dismissed or expired.
CREATE TABLE prompt (
    prompt_id      UUID PRIMARY KEY,
    member_id      UUID NOT NULL,
    kind           TEXT NOT NULL,              -- WELCOME_MESSAGE, FOLLOW_UP
    other_member   UUID NOT NULL,
    invitation_id  UUID NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    dismissed_at   TIMESTAMPTZ,
    CONSTRAINT prompt_one_per_invitation UNIQUE (member_id, kind, invitation_id)
);
CREATE INDEX prompt_pending ON prompt (member_id, expires_at) WHERE dismissed_at IS NULL;
