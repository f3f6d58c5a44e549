-- Events of a type this version of the service does not know (a newer producer during a rolling deploy). They are
-- parked here, NOT recorded as processed, and applied by the consumer once a version that knows the type runs.
CREATE TABLE parked_event (
    consumer      TEXT         NOT NULL,
    event_id      UUID         NOT NULL,
    event_type    TEXT         NOT NULL,
    topic         TEXT         NOT NULL,
    kafka_partition INT        NOT NULL,
    kafka_offset  BIGINT       NOT NULL,
    record_key    TEXT,
    headers       JSONB        NOT NULL,
    payload       TEXT,
    parked_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
