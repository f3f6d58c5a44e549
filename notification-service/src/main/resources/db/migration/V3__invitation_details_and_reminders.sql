-- The sender's note, kept to repeat it in reminders.
ALTER TABLE invitation_state ADD COLUMN note TEXT;
-- outcome may now also be DECLINED_AS_UNKNOWN or EXPIRED.

-- How the sender knows the recipient (colleague, classmate, ...; null if not said) and the company or school it
-- refers to, shown with an INVITATION_RECEIVED notification.
ALTER TABLE notification ADD COLUMN relationship TEXT;
ALTER TABLE notification ADD COLUMN context TEXT;
-- The reminder's number (1, 2, ...) of an INVITATION_REMINDER notification; null for every other kind.
ALTER TABLE notification ADD COLUMN reminder INTEGER;

-- At most one notification of a kind per invitation, reminder number and recipient, whatever the redeliveries.
DROP INDEX notification_one_per_invitation;
CREATE UNIQUE INDEX notification_one_per_invitation ON notification (recipient, kind, invitation_id, COALESCE(reminder, 0))
    WHERE invitation_id IS NOT NULL;
