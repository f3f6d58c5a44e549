-- Sessions: a refresh-token family (every rotation keeps it) is one session; access tokens carry it as "sid".
ALTER TABLE refresh_token ADD COLUMN session_id UUID;
UPDATE refresh_token SET session_id = gen_random_uuid() WHERE session_id IS NULL;
ALTER TABLE refresh_token ALTER COLUMN session_id SET NOT NULL;
CREATE INDEX refresh_token_session ON refresh_token (session_id);
CREATE INDEX refresh_token_expires ON refresh_token (expires_at);

-- Log-in back-off instead of a lock: counters per client address, per account and per (account, client).
-- Keys are HMACs (of the address, of the client address), never the values themselves.
DROP TABLE login_throttle;
CREATE TABLE login_throttle (
    throttle_key    TEXT PRIMARY KEY,
    count           INT NOT NULL DEFAULT 0,
    window_start    TIMESTAMPTZ,
    last_failure    TIMESTAMPTZ,
    next_allowed    TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);

-- Sign-ups waiting for their e-mailed code; the member exists only once verified. Each request has its own row
-- and code (a later request for the address cannot take over an earlier one's code); keyed by the address's HMAC.
CREATE TABLE pending_sign_up (
    id              UUID PRIMARY KEY,
    email_key       TEXT NOT NULL,
    email           TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    headline        TEXT,
    code_hash       TEXT NOT NULL,
    attempts        INT NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_sign_up_key ON pending_sign_up (email_key);
CREATE INDEX pending_sign_up_expires ON pending_sign_up (expires_at);

-- Mail outbox: what profile-service mails (an SMTP relay would send from here); operators read it at /admin/mail.
CREATE TABLE mail_outbox (
    id              UUID PRIMARY KEY,
    to_address      TEXT NOT NULL,
    to_key          TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX mail_outbox_to ON mail_outbox (to_key, created_at);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
