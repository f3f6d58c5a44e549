-- The id of the transaction that appended each event, so that in-memory state kept by EVERY replica of a service
-- (connection-service's graph index) can follow all commits, whichever replica made them (EventStoreTail).
-- Positions are not enough: appends of different partition keys commit concurrently, so a lower position can
-- become visible after a higher one. Transaction ids below pg_snapshot_xmin(pg_current_snapshot()) belong to
-- transactions that have all ended: reading in (tx_id, position) order up to that horizon never skips a commit.
-- pg_current_xact_id() is stable, so the existing rows take the migration's transaction id (no table rewrite).
ALTER TABLE event_store ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX event_store_tx ON event_store (tx_id, position);
