-- Projection of connection events: who may recommend whom (1st degree only). One row per direction.
CREATE TABLE first_degree (
    member_id  UUID NOT NULL,
    other_id   UUID NOT NULL,
    PRIMARY KEY (member_id, other_id)
);

-- Read model of the recommendation streams, updated in the same transaction as the append.
CREATE TABLE recommendation (
    recommendation_id  UUID PRIMARY KEY,
    author_id          UUID NOT NULL,
    recipient_id       UUID NOT NULL,
    relationship       TEXT NOT NULL,
    text               TEXT NOT NULL,
    written_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX recommendation_recipient ON recommendation (recipient_id, written_at DESC);
