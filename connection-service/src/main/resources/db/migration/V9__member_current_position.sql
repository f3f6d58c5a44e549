-- The member's current position (from ProfileUpdated.positions: toYear null = current; of several, the one begun
-- last, then the first listed), for the Company and Position columns of GET /connections/export. Members
-- updated before this migration have none until their next ProfileUpdated (or `trellis rebuild --swap`).
ALTER TABLE member ADD COLUMN current_company TEXT;
ALTER TABLE member ADD COLUMN current_title TEXT;
