-- Contacts import limits (issue 12): when each import happened and how many distinct addresses it held, never
-- which. Rows older than a day are deleted at the member's next import.
CREATE TABLE contact_import (
    member_id   uuid        NOT NULL,
    imported_at timestamptz NOT NULL,
    addresses   integer     NOT NULL
);
CREATE INDEX contact_import_member_time ON contact_import (member_id, imported_at);
