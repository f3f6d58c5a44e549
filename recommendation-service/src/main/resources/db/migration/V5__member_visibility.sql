-- The member's profileVisibility (PrivacySettingsChanged, profile events): every name this service shows follows
-- dev.trellis.platform.domain.NameVisibility (NAME_INITIAL: first name and last initial only, no headline, to a
-- viewer who is not a 1st-degree connection).
ALTER TABLE member_profile ADD COLUMN profile_visibility TEXT NOT NULL DEFAULT 'FULL';
