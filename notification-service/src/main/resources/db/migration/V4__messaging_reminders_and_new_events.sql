-- Profiles: the current company (the current position's), for message templates; names follow ProfileUpdated.
ALTER TABLE member ADD COLUMN company TEXT;

-- Notifications about a third member (the target of an introduction) and a detail (the endorsed skill, the
-- recommendation's version). notification_id is now derived from the notification's natural key (recipient,
-- kind, subject), so a replay rebuilds the same ids and redeliveries find the row they made.
ALTER TABLE notification ADD COLUMN subject_member UUID;
ALTER TABLE notification ADD COLUMN detail TEXT;
ALTER TABLE notification ADD COLUMN introduction_id UUID;
DROP INDEX notification_one_per_recommendation;

-- Prompts are no longer only about invitations (RECIPROCATE is about a recommendation).
ALTER TABLE prompt ALTER COLUMN invitation_id DROP NOT NULL;
ALTER TABLE prompt ADD COLUMN recommendation_id UUID;
ALTER TABLE prompt ADD COLUMN done_at TIMESTAMPTZ;
CREATE UNIQUE INDEX prompt_one_per_recommendation ON prompt (member_id, kind, recommendation_id)
    WHERE recommendation_id IS NOT NULL;

-- Projection of trellis.connection.events (and of InvitationAccepted, which comes first): who may message whom,
-- and the activity the follow-up and nurture reminders look at. One row per pair, member_a < member_b.
CREATE TABLE connection (
    member_a            UUID NOT NULL,
    member_b            UUID NOT NULL,
    connected_at        TIMESTAMPTZ NOT NULL,
    removed_at          TIMESTAMPTZ,          -- not null: removed (history readable, closed for new messages)
    last_message_at     TIMESTAMPTZ,
    follow_up_done      BOOLEAN NOT NULL DEFAULT FALSE,
    nurtured_a_at       TIMESTAMPTZ,          -- when member_a was last suggested to check in with member_b
    nurtured_b_at       TIMESTAMPTZ,
    PRIMARY KEY (member_a, member_b)
);
CREATE INDEX connection_follow_up ON connection (connected_at) WHERE NOT follow_up_done AND removed_at IS NULL;
CREATE INDEX connection_quiet ON connection ((COALESCE(last_message_at, connected_at))) WHERE removed_at IS NULL;

CREATE TABLE block (
    blocker     UUID NOT NULL,
    blocked     UUID NOT NULL,
    blocked_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (blocker, blocked)
);

-- When each member was last suggested to check in with someone (at most one a week).
CREATE TABLE nurture_mark (
    member_id          UUID PRIMARY KEY,
    last_suggested_at  TIMESTAMPTZ NOT NULL
);

-- Messaging: this service's own data (the source of truth, not a projection). One conversation per pair.
CREATE TABLE conversation (
    conversation_id   UUID PRIMARY KEY,
    member_a          UUID NOT NULL,
    member_b          UUID NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    last_message_at   TIMESTAMPTZ NOT NULL,
    version           BIGINT NOT NULL,        -- messages so far (the stream version of its MessageSent events)
    CONSTRAINT conversation_one_per_pair UNIQUE (member_a, member_b)
);

-- Each member's side of a conversation: how many messages they have not read.
CREATE TABLE conversation_member (
    conversation_id  UUID NOT NULL REFERENCES conversation,
    member_id        UUID NOT NULL,
    other_member     UUID NOT NULL,
    unread           INTEGER NOT NULL DEFAULT 0,
    last_message_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conversation_id, member_id)
);
CREATE INDEX conversation_member_list ON conversation_member (member_id, last_message_at DESC);
CREATE INDEX conversation_member_unread ON conversation_member (member_id) WHERE unread > 0;

CREATE TABLE message (
    seq                BIGSERIAL PRIMARY KEY,
    message_id         UUID NOT NULL UNIQUE,
    conversation_id    UUID NOT NULL REFERENCES conversation,
    sender             UUID NOT NULL,
    recipient          UUID NOT NULL,
    text               TEXT NOT NULL,
    client_message_id  TEXT,                  -- the sender's retry key: a retried send stores nothing new
    sent_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX message_page ON message (conversation_id, seq DESC);
CREATE UNIQUE INDEX message_retry ON message (sender, client_message_id) WHERE client_message_id IS NOT NULL;
