-- The connection graph: one row per direction, so "my connections" is one index range.
CREATE TABLE connection (
    member_id      UUID NOT NULL,
    other_id       UUID NOT NULL,
    connected_at   TIMESTAMPTZ NOT NULL,
    invitation_id  UUID,
    PRIMARY KEY (member_id, other_id)
);
CREATE INDEX connection_recent ON connection (member_id, connected_at DESC);

-- Projection of profile events: names and headlines for lists.
CREATE TABLE member (
    member_id   UUID PRIMARY KEY,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL,
    headline    TEXT
);
