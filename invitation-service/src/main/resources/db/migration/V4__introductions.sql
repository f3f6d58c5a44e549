-- Projection of IntroductionForwarded (recommendation-service): a mutual connection introduced the requester to the
-- target; an invitation from the requester to the target then carries the introduction as its context.
CREATE TABLE introduction (
    introduction_id  UUID PRIMARY KEY,
    requester_id     UUID NOT NULL,
    introducer_id    UUID NOT NULL,
    target_id        UUID NOT NULL,
    note             TEXT,
    forwarded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX introduction_pair ON introduction (requester_id, target_id, forwarded_at DESC);

-- the introduction an invitation was sent under, if any
ALTER TABLE invitation ADD COLUMN introduction_id UUID;
