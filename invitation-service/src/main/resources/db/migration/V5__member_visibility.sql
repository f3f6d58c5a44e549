-- The named member's profileVisibility (PrivacySettingsChanged, profile events): names shown to a member who is not
-- their connection follow dev.trellis.platform.domain.NameVisibility (NAME_INITIAL: first name and last initial only).
ALTER TABLE member ADD COLUMN profile_visibility TEXT NOT NULL DEFAULT 'FULL';
-- A re-invite to a member who once answered "I don't know this person" is sent already declined (silently).
CREATE INDEX invitation_declined_pair ON invitation (from_member, to_member) WHERE declined_as_unknown_at IS NOT NULL;
