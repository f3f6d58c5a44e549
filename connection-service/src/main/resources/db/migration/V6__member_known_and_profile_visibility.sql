-- A member is known to this service once its ProfileCreated arrived (rows made only by a privacy event that
-- overtook it are not): every path or body member id that is not known is 404 member-not-found. Existing rows
-- with a name came from a profile event, so they are known.
ALTER TABLE member ADD COLUMN known BOOLEAN NOT NULL DEFAULT false;
UPDATE member SET known = true WHERE first_name <> '';
-- How the member's name is shown out of network (dev.trellis.platform.domain.NameVisibility): FULL or NAME_INITIAL.
ALTER TABLE member ADD COLUMN profile_visibility TEXT NOT NULL DEFAULT 'FULL';
