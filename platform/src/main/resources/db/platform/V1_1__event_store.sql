-- The event store is also the outbox: rows with published_at IS NULL are waiting for the relay.
CREATE TABLE event_store (
    position        BIGSERIAL    PRIMARY KEY,
    stream_id       TEXT         NOT NULL,
    stream_version  BIGINT       NOT NULL,
    event_id        UUID         NOT NULL UNIQUE,
    event_type      TEXT         NOT NULL,
    topic           TEXT,                      -- NULL: private event, never published
    partition_key   TEXT         NOT NULL,
    payload         JSONB        NOT NULL,
    correlation_id  TEXT,
    causation_id    TEXT,
    actor           TEXT,
    recorded_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at    TIMESTAMPTZ,
    CONSTRAINT event_store_stream_version UNIQUE (stream_id, stream_version)
);
CREATE INDEX event_store_unpublished ON event_store (position) WHERE published_at IS NULL AND topic IS NOT NULL;

-- Idempotent consumer: the ids of the events a consumer has applied, written in the projection's transaction.
CREATE TABLE processed_event (
    consumer      TEXT         NOT NULL,
    event_id      UUID         NOT NULL,
    event_type    TEXT         NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
