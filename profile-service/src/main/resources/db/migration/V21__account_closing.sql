-- Closing an account (DELETE /members/me) runs in steps: this marks the member as closing (log-ins refused,
-- sessions ended), then the key vault erases the member's key, then the member's rows are deleted and
-- AccountClosed is appended. A restart finishes every closing that a crash interrupted (AccountClosure.sweep).
ALTER TABLE credential ADD COLUMN closing_since TIMESTAMPTZ;
CREATE INDEX credential_closing ON credential (closing_since) WHERE closing_since IS NOT NULL;
