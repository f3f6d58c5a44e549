-- A member's own organisation of their network. These are personal preferences, not facts other services
-- consume, so they are plain rows (see docs/architecture.md, "What is event-sourced").
CREATE TABLE connection_tag (
    member_id  UUID NOT NULL,
    other_id   UUID NOT NULL,
    tag        TEXT NOT NULL,
    PRIMARY KEY (member_id, other_id, tag)
);
CREATE INDEX connection_tag_by_tag ON connection_tag (member_id, tag);

-- VIP pins: at most 20 per member, shown first in their list, in the member's order.
CREATE TABLE vip_pin (
    member_id  UUID NOT NULL,
    other_id   UUID NOT NULL,
    rank       INT NOT NULL,
    PRIMARY KEY (member_id, other_id)
);

-- People You May Know dismissals: a dismissed member never comes back.
CREATE TABLE pymk_dismissal (
    member_id     UUID NOT NULL,
    dismissed_id  UUID NOT NULL,
    reason        TEXT NOT NULL,
    dismissed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, dismissed_id)
);
